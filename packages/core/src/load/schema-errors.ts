import type { ErrorObject } from 'ajv';
import type { Diagnostic } from '../types.js';
import { formatPath, pointerToPath, type SourceMap } from './source-map.js';
import { didYouMean, show } from './suggest.js';

// What each pattern in policy.schema.json asks for, in words a person can act on.
const PATTERN_HINTS: Record<string, string> = {
  '^[a-z0-9]+(-[a-z0-9]+)*$': 'must be kebab-case: lowercase letters and digits joined by dashes, e.g. support-refunds',
  '^[A-Za-z][A-Za-z0-9_]*$': 'must be an identifier: a letter, then letters, digits or underscores, e.g. autoRefundMax',
  '^[1-9][0-9]*(s|m|h|d|w)$': 'must be a whole number and a unit s, m, h, d or w, e.g. 30m, 2h, 1d',
  '^[0-9]{4}-[0-9]{2}-[0-9]{2}$': 'must be a date YYYY-MM-DD, e.g. 2027-01-31',
  '^\\$(\\.[A-Za-z_][A-Za-z0-9_]*|\\[[0-9]+\\])+$': 'must be a JSONPath of fields and indexes, e.g. $.vendor.country or $.items[0]',
};

// Why a field allows fewer values than a reader might expect.
const ENUM_HINTS: Record<string, string> = {
  'spec.onError':
    ': an action that could not be evaluated must not run before a person looks, so onError is never auto or review_after (review_after runs the action first)',
};

const VALUE_SHAPES = 'a string, number, boolean, null, a list of those, or { threshold: name }';

/**
 * Turns ajv's errors into one diagnostic per problem, placed on the offending
 * YAML node, with the allowed values named. Branch noise from if/then and
 * anyOf is folded into the one message that explains it.
 */
export function schemaDiagnostics(errors: readonly ErrorObject[], file: string, source: SourceMap): Diagnostic[] {
  const anyOfFailures = errors.filter((e) => e.keyword === 'anyOf');
  const insideFailedAnyOf = (e: ErrorObject) =>
    anyOfFailures.some((a) => a !== e && e.instancePath.startsWith(a.instancePath) && e.schemaPath.startsWith(a.schemaPath.replace(/\/anyOf$/, '/anyOf/')));
  const seen = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  // A misspelt field shows as unknown and as a missing required one: keep the one that says "did you mean".
  const misspelt = (e: ErrorObject) =>
    e.keyword === 'required' &&
    errors.some((u) => u.keyword === 'additionalProperties' && u.instancePath === e.instancePath && didYouMean(String(u.params.additionalProperty), [String(e.params.missingProperty)]) !== '');
  for (const error of errors) {
    // propertyNames repeats what its inner error (which names the key) already says.
    if (error.keyword === 'if' || error.keyword === 'propertyNames' || insideFailedAnyOf(error) || misspelt(error)) continue;
    const diagnostic = toDiagnostic(error, file, source);
    const key = `${diagnostic.range.start.line}:${diagnostic.range.start.column}:${diagnostic.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    diagnostics.push(diagnostic);
  }
  return diagnostics;
}

function toDiagnostic(error: ErrorObject, file: string, source: SourceMap): Diagnostic {
  const path = pointerToPath(error.instancePath);
  const where = formatPath(path);
  const params = error.params as Record<string, unknown>;
  // Errors about a mapping's key name carry the key: point at it, not at the whole mapping.
  const key = error.propertyName;
  const at = (range = key === undefined ? source.valueRange(path) : source.keyRange([...path, key])) => range;
  if (key !== undefined) {
    const reason = error.keyword === 'not' ? 'is a reserved name; choose another' : `is not a valid name here: ${namingHint(where)}`;
    return { ruleId: 'schema', severity: 'error', message: `${formatPath([...path, key])}: ${show(key)} ${reason}`, file, range: at() };
  }
  const make = (message: string, range = at()): Diagnostic => ({ ruleId: 'schema', severity: 'error', message, file, range });

  switch (error.keyword) {
    case 'required':
      return make(`${where}: missing required field '${String(params.missingProperty)}'`);
    case 'additionalProperties': {
      const field = String(params.additionalProperty);
      const allowed = Object.keys((error.parentSchema?.properties as object | undefined) ?? {});
      return make(
        `${formatPath([...path, field])}: unknown field '${field}'${didYouMean(field, allowed)}` +
          (allowed.length ? ` (allowed here: ${allowed.join(', ')})` : ''),
        source.keyRange([...path, field]),
      );
    }
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map(String);
      return make(`${where}: ${show(error.data)} is not one of ${allowed.join(', ')}${didYouMean(error.data, allowed)}${ENUM_HINTS[where] ?? ''}`);
    }
    case 'const':
      return make(`${where}: must be ${show(params.allowedValue)}, found ${show(error.data)}`);
    case 'type':
      return make(`${where}: must be ${describeType(params.type)}, found ${describeValue(error.data)}`);
    case 'pattern':
      return make(`${where}: ${show(error.data)} ${PATTERN_HINTS[String(params.pattern)] ?? `must match ${String(params.pattern)}`}`);
    case 'anyOf':
      return make(where.endsWith('.value') ? `${where}: must be ${VALUE_SHAPES}, found ${describeValue(error.data)}` : `${where}: ${show(error.data)} is not an allowed value`);
    default:
      return make(`${where}: ${error.message ?? 'is not valid'}`);
  }
}

function namingHint(where: string): string {
  if (where.endsWith('reviewers')) return PATTERN_HINTS['^[a-z0-9]+(-[a-z0-9]+)*$']!;
  return `${PATTERN_HINTS['^[A-Za-z][A-Za-z0-9_]*$']!} (and not a reserved word such as constructor)`;
}

function describeType(type: unknown): string {
  const types = Array.isArray(type) ? type : [type];
  const words: Record<string, string> = { object: 'a mapping', array: 'a list', string: 'a string', number: 'a number', integer: 'a whole number', boolean: 'true or false', null: 'null' };
  return types.map((t) => words[String(t)] ?? String(t)).join(' or ');
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${show(value)}`;
}

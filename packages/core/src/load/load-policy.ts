import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { visit } from 'yaml';
import { policySchema } from '../generated/schemas.js';
import { policyHash } from '../policy-hash.js';
import type { Diagnostic, Policy, Range } from '../types.js';
import { checkLimits, checkShape } from './check-limits.js';
import { checkReferences } from './check-references.js';
import { parseYaml } from './parse-yaml.js';
import { schemaDiagnostics } from './schema-errors.js';
import { createSourceMap, offsetRange, type SourceMap } from './source-map.js';

export type LoadResult =
  | { ok: true; policy: Policy; hash: string; warnings: Diagnostic[] }
  | { ok: false; diagnostics: Diagnostic[] };

/** The largest policy text we parse; real policies are a few kilobytes. */
export const MAX_POLICY_BYTES = 5 * 1024 * 1024;

// Compiled on first use: `oversight --help` and a process that only evaluates do not pay for it.
let policyValidator: ValidateFunction | undefined;
const validatePolicy = (): ValidateFunction =>
  (policyValidator ??= new Ajv2020({ allErrors: true, verbose: true, strict: true, strictRequired: false, allowUnionTypes: true }).compile(policySchema));

/**
 * Everything the loader learnt about a policy text: its diagnostics, the parsed
 * data, the policy once it passed the schema (even when its references are
 * wrong, so a linter can keep analysing it), and where each value sits in the text.
 */
export interface PolicyInspection {
  diagnostics: Diagnostic[];
  /** The parsed YAML, when it parsed. */
  data?: unknown;
  /** The policy, when the data passed the schema; reference errors may remain in `diagnostics`. */
  policy?: Policy;
  /** Positions of the YAML nodes, when the YAML parsed. */
  source?: SourceMap;
}

/**
 * Parses and checks a policy file's text. Pure: the caller reads the file.
 * Every problem comes back as a diagnostic with file, line and column; a
 * policy is returned only when there are none.
 */
export function loadPolicy(text: string, file: string): LoadResult {
  const inspection = inspectPolicy(text, file);
  if (inspection.diagnostics.length > 0 || inspection.policy === undefined) return { ok: false, diagnostics: inspection.diagnostics };
  return { ok: true, policy: inspection.policy, hash: policyHash(inspection.policy), warnings: [] };
}

/** Like loadPolicy, but keeps what it learnt on the way: the linter analyses a policy the loader rejects for its references. */
export function inspectPolicy(text: string, file: string): PolicyInspection {
  const fail = (ruleId: string, message: string, range: Range = START): PolicyInspection => ({
    diagnostics: [{ ruleId, severity: 'error', message, file, range }],
  });
  if (text.length > MAX_POLICY_BYTES) {
    return fail('file-too-large', `the file is ${(text.length / 1024 / 1024).toFixed(1)} MB; a policy may be at most 5 MB. Is this the right file?`);
  }
  if (text.includes('\u0000')) return fail('not-text', 'the file holds binary data (a NUL byte), not YAML text. Is this the right file?');

  const parsed = parseYaml(text);
  const lineCounter = parsed.lineCounter;
  if (!parsed.ok) {
    if (looksLikeJsonLines(text)) {
      return fail('not-a-policy', 'this is JSON Lines (one JSON object a line: proposed actions or a history), not a policy; a policy is one YAML document that starts with apiVersion: oversight/v1 and kind: RoutingPolicy. Is this the right file?');
    }
    // Only the first: later YAML errors are usually echoes of it.
    return fail('yaml-syntax', `YAML: ${yamlMessage(parsed.code ?? '', parsed.message)}`, offsetRange(lineCounter, parsed.offset[0], parsed.offset[1]));
  }
  const doc = parsed.doc;

  let data: unknown;
  try {
    // maxAliasCount stops alias bombs (a billion laughs) before they expand.
    data = doc.toJS({ maxAliasCount: 50 });
  } catch (error) {
    // yaml's error carries no position: point at the first alias, where the expansion starts.
    let alias: [number, number] | undefined;
    visit(doc, { Alias: (_, node) => ((alias = node.range ? [node.range[0], node.range[1]] : undefined), alias ? visit.BREAK : undefined) });
    const range = alias === undefined ? START : offsetRange(lineCounter, alias[0], alias[1]);
    return fail('yaml-syntax', `YAML: ${(error as Error).message}; anchors and aliases may repeat a value, not multiply it`, range);
  }
  if (data === null || data === undefined) {
    return fail('empty-policy', 'the file is empty; a policy starts with apiVersion: oversight/v1 and kind: RoutingPolicy');
  }

  const source = createSourceMap(doc, lineCounter);
  const tooLarge = checkShape(data, file, source);
  if (tooLarge.length > 0) return { diagnostics: tooLarge, data, source };
  const validate = validatePolicy();
  if (!validate(data)) {
    return { diagnostics: sortByPosition(schemaDiagnostics(validate.errors ?? [], file, source)), data, source };
  }
  const policy = data as unknown as Policy;
  const beyondLimits = checkLimits(policy, file, source);
  if (beyondLimits.length > 0) return { diagnostics: beyondLimits, data, source };
  return { diagnostics: sortByPosition(checkReferences(policy, file, source)), data, policy, source };
}

// Several lines, each a JSON object: what eval reads, or a history, handed to the wrong command.
function looksLikeJsonLines(text: string): boolean {
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  return lines.length >= 2 && lines.every((line) => line.trimStart().startsWith('{') && line.trimEnd().endsWith('}'));
}

const START: Range = { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };

const INDENTATION_CODES = new Set(['BAD_INDENT', 'BLOCK_AS_IMPLICIT_KEY', 'MULTILINE_IMPLICIT_KEY', 'MISSING_CHAR', 'UNEXPECTED_TOKEN', 'TAB_AS_INDENT']);

// yaml's messages carry its own position suffix; ours are in the range, so drop it.
function yamlMessage(code: string, message: string): string {
  const text = message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  if (INDENTATION_CODES.has(code)) {
    return `${text} (check the indentation: nested fields need more spaces than their parent, siblings the same)`;
  }
  return text;
}

function sortByPosition(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.column - b.range.start.column);
}

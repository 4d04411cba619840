import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { linearRegExp, UnsupportedPatternError } from '../compile/linear-regexp.js';
import { parseDuration } from '../duration.js';
import type { Diagnostic, FactCondition, Policy, ReviewerRole } from '../types.js';
import { forEachLeaf } from './condition-walk.js';
import { operandTypeProblem } from './operand-types.js';
import { formatPath, type PathSegment, type SourceMap } from './source-map.js';
import { didYouMean } from './suggest.js';

const NUMERIC_OPERATORS = new Set(['lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive']);
const PLACEHOLDER = /\{\{\s*([^}]*?)\s*\}\}/g;

/**
 * Checks what a JSON Schema cannot: that every name a policy uses is declared,
 * that operators fit their facts, and that exemptions are justified. Runs on a
 * policy that already passed the schema.
 */
export function checkReferences(policy: Policy, file: string, source: SourceMap): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const spec = policy.spec;
  const facts = Object.keys(spec.facts);
  const thresholds = Object.keys(spec.thresholds ?? {});
  const reviewers = Object.keys(spec.reviewers ?? {});
  const report = (ruleId: string, path: readonly PathSegment[], message: string, onKey = false) =>
    diagnostics.push({
      ruleId,
      severity: 'error',
      message: `${formatPath(path)}: ${message}`,
      file,
      range: onKey ? source.keyRange(path) : source.valueRange(path),
    });

  const reviewBy = policy.metadata.reviewBy;
  if (reviewBy !== undefined && !isCalendarDate(reviewBy)) {
    report('invalid-date', ['metadata', 'reviewBy'], `${reviewBy} is not a day of the calendar: write the date the thresholds are revisited by as YYYY-MM-DD`);
  }

  for (const [name, schema] of Object.entries(spec.facts)) {
    const problem = factSchemaProblem(schema);
    if (problem !== undefined) report(problem.ruleId, ['spec', 'facts', name], problem.message);
  }
  if (spec.facts.irreversible && spec.facts.irreversible.type !== 'boolean') {
    report('irreversible-type', ['spec', 'facts', 'irreversible'], "the irreversible fact must be declared { type: boolean }");
  }

  for (const [name, threshold] of Object.entries(spec.thresholds ?? {})) {
    if (threshold.min !== undefined && threshold.max !== undefined && threshold.min > threshold.max) {
      report('threshold-range', ['spec', 'thresholds', name], `min ${threshold.min} is above max ${threshold.max}`);
    }
  }

  for (const [name, role] of Object.entries(spec.reviewers ?? {})) {
    if (role.escalateTo !== undefined && !reviewers.includes(role.escalateTo)) {
      report('undeclared-reviewer', ['spec', 'reviewers', name, 'escalateTo'], `'${role.escalateTo}' is not a declared reviewer role; declare it under spec.reviewers${didYouMean(role.escalateTo, reviewers)}`);
    }
    const cycle = escalationCycle(spec.reviewers ?? {}, name);
    if (cycle !== undefined) {
      report('escalation-cycle', ['spec', 'reviewers', name, 'escalateTo'], `escalation from '${name}' comes back to it (${cycle.join(' → ')}): an escalation chain must end at a role with no escalateTo`);
    }
    const warn = role.warnBefore === undefined ? undefined : parseDuration(role.warnBefore);
    const sla = parseDuration(role.sla);
    if (warn !== undefined && sla !== undefined && warn >= sla) {
      report('warning-after-start', ['spec', 'reviewers', name, 'warnBefore'], `warnBefore ${role.warnBefore} is not shorter than the SLA ${role.sla}: the warning would come before the review starts; make it shorter than ${role.sla}`);
    }
  }

  if (spec.reviewer !== undefined && !reviewers.includes(spec.reviewer)) {
    report('undeclared-reviewer', ['spec', 'reviewer'], `'${spec.reviewer}' is not a declared reviewer role; declare it under spec.reviewers${didYouMean(spec.reviewer, reviewers)}`);
  }

  const seenIds = new Map<string, number>();
  spec.rules.forEach((rule, index) => {
    const rulePath = ['spec', 'rules', index];
    const first = seenIds.get(rule.id);
    if (first !== undefined) {
      report('duplicate-id', [...rulePath, 'id'], `rule id '${rule.id}' is already used by spec.rules[${first}]; rule ids must be unique`);
    } else {
      seenIds.set(rule.id, index);
    }
    if (rule.reviewer !== undefined && !reviewers.includes(rule.reviewer)) {
      report('undeclared-reviewer', [...rulePath, 'reviewer'], `'${rule.reviewer}' is not a declared reviewer role; declare it under spec.reviewers${didYouMean(rule.reviewer, reviewers)}`);
    }
    if (rule.exempt?.includes('irreversible') && !rule.justification) {
      report('missing-justification', [...rulePath, 'exempt'], 'exempt: [irreversible] needs a justification saying why this irreversible action may run without a person');
    }
    forEachLeaf(rule.when, [...rulePath, 'when'], (leaf, path) => checkLeaf(leaf, path));
  });

  function checkLeaf(leaf: FactCondition, path: readonly PathSegment[]): void {
    const schema = spec.facts[leaf.fact];
    if (!Object.hasOwn(spec.facts, leaf.fact) || !schema) {
      report('undeclared-fact', [...path, 'fact'], `'${leaf.fact}' is not a declared fact; declare it under spec.facts or fix the name${didYouMean(leaf.fact, facts)}`);
      return;
    }
    const value = leaf.value;
    if (isThresholdRef(value)) {
      if (!thresholds.includes(value.threshold)) {
        report('undeclared-threshold', [...path, 'value', 'threshold'], `'${value.threshold}' is not a declared threshold; declare it under spec.thresholds${didYouMean(value.threshold, thresholds)}`);
      }
      if (!NUMERIC_OPERATORS.has(leaf.operator) && leaf.operator !== 'equal' && leaf.operator !== 'notEqual') {
        report('operator-type', [...path, 'operator'], `${leaf.operator} cannot compare with a threshold; thresholds are numbers`);
      }
    }
    if (NUMERIC_OPERATORS.has(leaf.operator) && !isThresholdRef(value) && typeof value !== 'number') {
      report('operator-type', [...path, 'value'], `${leaf.operator} compares numbers; the value must be a number or { threshold: name }`);
    }
    if ((leaf.operator === 'in' || leaf.operator === 'notIn') && !Array.isArray(value)) {
      report('operator-type', [...path, 'value'], `${leaf.operator} needs a list of values, e.g. [US, CA]`);
    }
    if ((leaf.operator === 'equal' || leaf.operator === 'notEqual' || leaf.operator === 'contains' || leaf.operator === 'doesNotContain') && Array.isArray(value)) {
      report('operator-type', [...path, 'value'], `${leaf.operator} compares one value; use in / notIn for a list`);
    }
    if (leaf.path !== undefined && typeof schema.type === 'string' && schema.type !== 'object' && schema.type !== 'array') {
      report('operator-type', [...path, 'path'], `a path reads inside an object or list, but fact '${leaf.fact}' is declared as ${JSON.stringify(schema.type)}`);
      return;
    }
    const problem = operandTypeProblem(leaf, schema);
    if (problem !== undefined) report('operator-type', [...path, 'operator'], problem);
  }

  const packet = spec.packet;
  if (packet?.summary) {
    for (const match of packet.summary.matchAll(PLACEHOLDER)) {
      const name = (match[1] ?? '').split('.')[0] ?? '';
      if (!Object.hasOwn(spec.facts, name)) {
        report('undeclared-fact', ['spec', 'packet', 'summary'], `{{${match[1]}}} names no declared fact${didYouMean(name, facts)}`);
      }
    }
  }
  for (const list of ['context', 'impact'] as const) {
    packet?.[list]?.forEach((name, i) => {
      if (!Object.hasOwn(spec.facts, name)) {
        report('undeclared-fact', ['spec', 'packet', list, i], `'${name}' is not a declared fact${didYouMean(name, facts)}`);
      }
    });
  }
  return diagnostics;
}

export function isThresholdRef(value: unknown): value is { threshold: string } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'threshold' in value;
}

// A fresh Ajv compiles the JSON Schema meta-schema on its first use (about
// 10 ms), so one instance checks every fact schema; each is removed after its
// check, so the instance does not grow. Policies in one repository repeat the
// same fact schemas, so the verdict is also kept by content (bounded).
const FACT_SCHEMA_VERDICTS = new Map<string, FactSchemaProblem | undefined>();
const MAX_VERDICTS = 1000;
let factSchemaAjv: Ajv2020 | undefined;

/**
 * Keywords whose every misuse the JSON Schema meta-schema itself rejects, and
 * that strict mode knows: for a schema of these alone, validating it against
 * the meta-schema gives the verdict compiling it would, without generating
 * code (compiling was an eighth of linting 200 policies).
 */
const META_CHECKED_KEYWORDS = new Set([
  'type', 'enum', 'const', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf',
  'minLength', 'maxLength', 'minItems', 'maxItems', 'uniqueItems', 'title', 'description', 'deprecated',
]);

interface FactSchemaProblem {
  ruleId: 'invalid-fact-schema' | 'unsupported-pattern';
  message: string;
}

/**
 * Why a fact's schema is not a valid strict JSON Schema, or has a pattern the
 * linear-time engine cannot run (compiling with compilePolicy's engine is what
 * finds it, in every place a pattern may sit); undefined when it is fine.
 */
function factSchemaProblem(schema: unknown): FactSchemaProblem | undefined {
  const key = JSON.stringify(schema);
  if (FACT_SCHEMA_VERDICTS.has(key)) return FACT_SCHEMA_VERDICTS.get(key);
  if (factSchemaAjv === undefined) {
    factSchemaAjv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true, unicodeRegExp: true, code: { regExp: linearRegExp } });
    addFormats.default(factSchemaAjv);
  }
  const ajv = factSchemaAjv;
  let problem: FactSchemaProblem | undefined;
  const invalid = (why: string): FactSchemaProblem => ({ ruleId: 'invalid-fact-schema', message: `not a valid JSON Schema: ${why}` });
  if (isPlainObject(schema) && Object.keys(schema).every((keyword) => META_CHECKED_KEYWORDS.has(keyword))) {
    // The same words compile uses when the meta-schema rejects a schema.
    if (ajv.validateSchema(schema) !== true) problem = invalid(`schema is invalid: ${ajv.errorsText(ajv.errors)}`);
  } else {
    try {
      ajv.compile(schema as object);
    } catch (error) {
      problem = error instanceof UnsupportedPatternError ? { ruleId: 'unsupported-pattern', message: error.message } : invalid((error as Error).message);
    } finally {
      ajv.removeSchema(schema as object);
    }
  }
  if (FACT_SCHEMA_VERDICTS.size >= MAX_VERDICTS) FACT_SCHEMA_VERDICTS.clear();
  FACT_SCHEMA_VERDICTS.set(key, problem);
  return problem;
}

// The schema checks the YYYY-MM-DD shape; this rejects 2027-02-31 and 2026-13-01.
function isCalendarDate(text: string): boolean {
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The chain of roles from `start` back to itself through escalateTo, or undefined when the chain ends. */
function escalationCycle(roles: Record<string, ReviewerRole>, start: string): string[] | undefined {
  const chain = [start];
  for (let role = roles[start]?.escalateTo; role !== undefined; role = roles[role]?.escalateTo) {
    chain.push(role);
    if (role === start) return chain;
    if (chain.length > Object.keys(roles).length + 1) return undefined; // a cycle further up, reported at its own role
  }
  return undefined;
}

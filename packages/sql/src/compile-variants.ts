import type { Condition, FactCondition, Policy } from '@oversight/core';
import type { ColumnType } from './column-type.js';
import { compileCondition, leafValue } from './compile-condition.js';
import { factProblemSql } from './compile-fact-checks.js';
import { compilePolicyToSql, irreversibleReading, thresholdValues } from './compile-policy.js';
import { isRefused, type Dialect } from './dialects/index.js';
import { duckdbReading } from './dialects/duckdb.js';
import { duckdbColumns } from './dialects/duckdb-columns.js';
import { Refusals, type SqlDiagnostic } from './refusal.js';
import { sqlNumber } from './sql-literal.js';

// Many threshold variants of one policy (a sweep's points) decided from a few
// columns a record, rather than each variant reading every record's facts. A
// record's features are what its decisions depend on: step 1's result, the
// gate's reading of `irreversible`, the state of each rule and each leaf no
// variant changes, and for each leaf comparing a fact with a varied threshold,
// the fact's rank among that threshold's values (its breakpoint: a comparison
// with a sorted list of values is true from one place on). Records with the
// same features and labels are decided alike by every variant, so a replay
// groups them first and decides each group once a variant.

export interface VariantsPlan {
  /** A column computed before the features read the facts (DuckDB reading JSON: every declared fact in one parse). */
  prepare?: { column: string; sql: string };
  /** The features of a record, as `sql AS column` over `facts` (and `prepare`). */
  features: { column: string; sql: string }[];
  /** Per variant, a query over INPUT (the feature columns, no facts) that adds `code`, the outcome code. */
  queries: string[];
}

const ORDERED = { lessThan: true, lessThanInclusive: true, greaterThan: true, greaterThanInclusive: true } as const;

/**
 * The features and the per-variant queries for `variants` (threshold values
 * by name, over the policy's own) of one policy, in DuckDB. Refused, with the
 * compiler's diagnostics, where a varied threshold is read by a leaf that is
 * not a comparison or an equality (the caller then compiles each variant whole).
 */
export function compileVariants(
  policy: Policy,
  variants: readonly Readonly<Record<string, number>>[],
  options: { facts?: ColumnType },
): { ok: true; plan: VariantsPlan } | { ok: false; diagnostics: SqlDiagnostic[] } {
  const refusals = new Refusals();
  const spec = policy.spec;
  const dialect: Dialect = options.facts === undefined ? duckdbReading([...Object.keys(spec.facts), 'irreversible']) : duckdbColumns(options.facts);
  const values = variants.map((overrides) => thresholdValues(policy, overrides));
  const common = values[0] ?? {};
  const varied = new Set(Object.keys(common).filter((name) => values.some((each) => !Object.is(each[name], common[name]))));
  // Each varied threshold's distinct values, sorted: a variant's value is a place in this list.
  const sorted = new Map([...varied].map((name) => [name, [...new Set(values.map((each) => each[name]!))].sort((a, b) => a - b)]));

  const features: { column: string; sql: string }[] = [{ column: 'oversight_fact_problem', sql: factProblemSql(spec.facts, { refusals, dialect }) }];
  if (Object.hasOwn(spec.facts, 'irreversible')) {
    const at = dialect.at(dialect.root, ['irreversible']);
    if (isRefused(at)) refusals.refuse('spec.facts.irreversible', 'unsupported text', at.refused);
    else features.push({ column: 'oversight_irreversible', sql: irreversibleReading(dialect, at) });
  }
  // A feature's column; one column for features with the same SQL (rules often repeat a leaf, and `>` and `<=` one rank).
  const bySql = new Map<string, string>();
  const feature = (column: string, sql: string): string => {
    const known = bySql.get(sql);
    if (known !== undefined) return known;
    bySql.set(sql, column);
    features.push({ column, sql });
    return column;
  };
  const ruleStates: (string | undefined)[] = [];
  // Per variant, the SQL of each leaf a varied threshold reads, from its rank feature.
  const leafStates = variants.map(() => Object.create(null) as Record<string, string>);
  const shared = Object.create(null) as Record<string, string>;
  spec.rules.forEach((rule, i) => {
    const where = `spec.rules[${i}].when`;
    if (!readsVaried(rule.when, varied)) {
      ruleStates[i] = feature(`oversight_rule_state_${i}`, compileCondition(rule.when, where, { thresholds: common, refusals, dialect }));
      return;
    }
    for (const [path, leaf] of leaves(rule.when, where)) {
      const threshold = thresholdOf(leaf);
      if (threshold === undefined || !varied.has(threshold)) {
        shared[path] = feature(`oversight_leaf_${features.length}`, compileCondition(leaf, path, { thresholds: common, refusals, dialect }));
        continue;
      }
      const column = feature(`oversight_rank_${features.length}`, rankSql(leaf, path, sorted.get(threshold)!, dialect, refusals));
      values.forEach((each, v) => (leafStates[v]![path] = stateFromRank(leaf.operator, column, sorted.get(threshold)!.indexOf(each[threshold]!))));
    }
  });
  if (refusals.diagnostics.length > 0) return { ok: false, diagnostics: refusals.diagnostics };
  const queries: string[] = [];
  for (const [v, overrides] of variants.entries()) {
    const compiled = compilePolicyToSql(policy, {
      dialect: 'duckdb',
      thresholds: { ...overrides },
      output: 'code',
      readsFacts: false,
      factProblem: 'oversight_fact_problem',
      irreversibleState: Object.hasOwn(spec.facts, 'irreversible') ? 'oversight_irreversible' : undefined,
      ruleStates,
      leafStates: { ...shared, ...leafStates[v] },
    });
    if (!compiled.ok) return compiled;
    queries.push(compiled.sql);
  }
  return { ok: true, plan: { prepare: dialect.prepare, features, queries } };
}

function readsVaried(condition: Condition, varied: ReadonlySet<string>): boolean {
  return thresholdsRead(condition).some((name) => varied.has(name));
}

/** The thresholds a condition's leaves compare with, by name. */
export function thresholdsRead(condition: Condition): string[] {
  return leaves(condition, '').flatMap(([, leaf]) => thresholdOf(leaf) ?? []);
}

function leaves(condition: Condition, where: string): [string, FactCondition][] {
  if ('all' in condition) return condition.all.flatMap((child, i) => leaves(child, `${where}.all[${i}]`));
  if ('any' in condition) return condition.any.flatMap((child, i) => leaves(child, `${where}.any[${i}]`));
  if ('not' in condition) return leaves(condition.not, `${where}.not`);
  return [[where, condition]];
}

function thresholdOf(leaf: FactCondition): string | undefined {
  const value = leaf.value;
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? value.threshold : undefined;
}

/**
 * The rank of a leaf's fact among a varied threshold's sorted values: NULL
 * when the fact is unknown, -1 when no value makes the leaf true (a present
 * fact of another type), else the place the leaf's truth turns at (ordered
 * comparisons) or the place of the equal value (-1 when none).
 */
function rankSql(leaf: FactCondition, where: string, sorted: readonly number[], dialect: Dialect, refusals: Refusals): string {
  const literals = sorted.map((value) => sqlNumber(value) ?? refusals.refuse(`${where}.value`, 'unsupported threshold', `${String(value)} is not a finite number`));
  // The value the leaf compares, read (and refused) as compileCondition reads it.
  const value = leafValue(leaf, where, refusals, dialect);
  if (typeof value === 'string') return value;
  const numeric = `coalesce(${dialect.is(value, 'numeric')}, false)`;
  const x = dialect.double(value);
  let rank: string;
  switch (leaf.operator) {
    case 'lessThanInclusive': // true where value >= x: from the count of values below x
    case 'greaterThan': // true where value < x: below the count of values below x
      rank = countBelow(literals, (u) => `${u} < ${x}`);
      break;
    case 'lessThan': // true where value > x
    case 'greaterThanInclusive': // true where value <= x
      rank = countBelow(literals, (u) => `${u} <= ${x}`);
      break;
    case 'equal':
    case 'notEqual':
      rank = `(CASE ${literals.map((u, place) => `WHEN ${u} = ${x} THEN ${place}`).join(' ')} ELSE -1 END)`;
      break;
    default:
      return refusals.refuse(`${where}.operator`, 'unsupported condition value', `${leaf.operator} with a varied threshold is decided variant by variant`);
  }
  return `(CASE WHEN ${dialect.unknown(value)} THEN NULL WHEN NOT ${numeric} THEN -1 ELSE ${rank} END)`;
}

/**
 * How many of the sorted values `below` holds for (it holds for a prefix of
 * them), by bisection: a few comparisons a record, where a list and a lambda
 * cost an allocation.
 */
function countBelow(sorted: readonly string[], below: (value: string) => string, from = 0, to = sorted.length): string {
  if (from === to) return String(from);
  const middle = Math.floor((from + to) / 2);
  return `(CASE WHEN ${below(sorted[middle]!)} THEN ${countBelow(sorted, below, middle + 1, to)} ELSE ${countBelow(sorted, below, from, middle)} END)`;
}

/** A leaf's state for the variant whose value is the `place`-th of the sorted values, from its rank column. */
function stateFromRank(operator: FactCondition['operator'], column: string, place: number): string {
  const truth = operator in ORDERED ? (operator === 'lessThan' || operator === 'lessThanInclusive' ? `${place} >= ${column}` : `${place} < ${column}`) : `${column} = ${place}`;
  const state = `(CASE WHEN ${column} IS NULL THEN NULL WHEN ${column} < 0 THEN false ELSE ${truth} END)`;
  return operator === 'notEqual' ? `(NOT ${state})` : state;
}



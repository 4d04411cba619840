import { ERROR_CODES, ROUTES, type ErrorCode, type Policy, type Route } from '@oversight/core';
import { compileCondition } from './compile-condition.js';
import { factProblemSql } from './compile-fact-checks.js';
import { DIALECT, isRefused, type Dialect, type DialectName, type JsonRef } from './dialects/index.js';
import type { ColumnType } from './column-type.js';
import { duckdbReading } from './dialects/duckdb.js';
import { duckdbColumns } from './dialects/duckdb-columns.js';
import { Refusals, type SqlDiagnostic } from './refusal.js';

export interface CompileSqlOptions {
  dialect: DialectName;
  /** Replaces threshold values by name, as the simulator does. */
  thresholds?: Record<string, number>;
  /** DuckDB only: the type of a typed `facts` column (a Parquet STRUCT) read without JSON; by default `facts` is JSON. */
  facts?: ColumnType;
  /**
   * `code`: the four result columns as one BIGINT `code` (OUTCOME_CODE), for
   * a replay that groups records by their outcome: far cheaper than names and
   * lists. At most MAX_CODE_RULES rules. By default, the four columns.
   */
  output?: 'columns' | 'code';
  /**
   * An input column holding step 1's result for these facts (compileFactProblem's
   * expression, computed once): queries of variants that share the facts
   * schema then check the facts once, not once a variant.
   */
  factProblem?: string;
  /**
   * Per rule, an input column holding that rule's state (compileRuleStates'
   * expression, computed once), or undefined to compile it here: variants of
   * one policy share every rule whose thresholds they do not vary.
   */
  ruleStates?: readonly (string | undefined)[];
  /** Per leaf (by its path, `spec.rules[2].when.all[0]`), SQL for its state, used instead of compiling it. */
  leafStates?: Readonly<Record<string, string>>;
  /** An input column holding the gate's reading of `irreversible`: NULL when unknown, else whether it lifts the route. */
  irreversibleState?: string;
  /** false: the input has no facts column; every fact is read through the options above. */
  readsFacts?: boolean;
}


export type CompileSqlResult = { ok: true; sql: string } | { ok: false; diagnostics: SqlDiagnostic[] };

/** The columns the compiled query adds to its input's. */
export const RESULT_COLUMNS = ['route', 'error', 'matched', 'undecided'] as const;

// Routes are compared as their ranks (0 is auto, 4 is deny) and named once at the end.
const rank = (route: Route): number => ROUTES.indexOf(route);
const PROBLEM = 'oversight_problem';
/** The relation the compiled query reads: a `facts` JSON column, and any others, passed through. */
export const INPUT = 'oversight_input';
const state = (i: number) => `oversight_rule_${i}`;
const KEY = 'oversight_key';

/**
 * Compiles a policy to a query in the dialect over the relation `oversight_input`
 * (INPUT), whose `facts` column is JSON or a typed STRUCT (DuckDB) or JSON text (Spark, Trino): it yields every input column and
 * `route`, `error`, `matched` and `undecided` (rule ids, in JavaScript's sort
 * order), steps (1) to (5) of design.md's order of evaluation as stages.
 * What the compiler cannot reproduce exactly is refused with a diagnostic,
 * never approximated. routeQuery binds INPUT to a table or subquery.
 */
export function compilePolicyToSql(policy: Policy, options: CompileSqlOptions): CompileSqlResult {
  const refusals = new Refusals();
  const spec = policy.spec;
  if (options.facts !== undefined && options.dialect !== 'duckdb') refusals.refuse('facts', 'unsupported column type', `typed facts columns are compiled for duckdb only, not ${options.dialect}`);
  const dialect =
    options.dialect !== 'duckdb' || options.readsFacts === false
      ? DIALECT[options.dialect]
      : options.facts === undefined
        ? duckdbReading([...Object.keys(spec.facts), 'irreversible'])
        : duckdbColumns(options.facts);
  const thresholds = thresholdValues(policy, options.thresholds, (name) =>
    refusals.refuse(`thresholds.${name}`, 'unsupported threshold', `the policy declares no threshold '${name}'`),
  );
  for (const [name, value] of Object.entries(thresholds)) {
    if (!Number.isFinite(value)) refusals.refuse(`spec.thresholds.${name}`, 'unsupported threshold', `${String(value)} is not a finite number`);
  }
  // Core's evaluators send a non-boolean irreversible value to onError where the reference keeps
  // the route; the loader requires { type: boolean }, and so does this compiler, for unloaded policies.
  const declaresIrreversible = Object.hasOwn(spec.facts, 'irreversible');
  if (declaresIrreversible && !isBooleanSchema(spec.facts.irreversible!)) {
    refusals.refuse('spec.facts.irreversible', 'unsupported irreversible schema', `the irreversible fact is compiled only when declared { type: boolean }`);
  }

  const problem = options.factProblem ?? factProblemSql(spec.facts, { refusals, dialect });
  const rules = spec.rules.map((rule, i) => ({
    id: dialect.string(rule.id) ?? refusals.refuse(`spec.rules[${i}].id`, 'unsupported text', 'the rule id holds a NUL character'),
    rank: rank(rule.route),
    exempt: rule.exempt?.includes('irreversible') === true,
    when: options.ruleStates?.[i] ?? compileCondition(rule.when, `spec.rules[${i}].when`, { thresholds, refusals, dialect, leafStates: options.leafStates }),
  }));
  if (options.output === 'code' && rules.length > MAX_CODE_RULES) refusals.refuse('spec.rules', 'unsupported output', `an outcome code holds at most ${MAX_CODE_RULES} rules, and the policy has ${rules.length}`);
  if (options.output === 'code' && options.dialect !== 'duckdb') refusals.refuse('output', 'unsupported output', `outcome codes are compiled for duckdb only, not ${options.dialect}`);
  const irreversibleAt = dialect.at(dialect.root, ['irreversible']);
  if (isRefused(irreversibleAt)) refusals.refuse('spec.facts.irreversible', 'unsupported text', irreversibleAt.refused);
  if (refusals.diagnostics.length > 0 || isRefused(irreversibleAt)) return { ok: false, diagnostics: refusals.diagnostics };
  const irreversible = irreversibleAt;

  // coalesce rather than IS TRUE, which Trino lacks.
  const isTrue = (i: number) => `coalesce(${state(i)}, false)`;
  const anyTrue = (indexes: number[]) => (indexes.length === 0 ? 'false' : `(${indexes.map(isTrue).join(' OR ')})`);
  const all = rules.map((_, i) => i);
  const firstMatch = spec.strategy === 'first-match';
  const defaultRank = rank(spec.default ?? 'approve_before');
  const onError = rank(spec.onError ?? 'approve_before');

  // (3) The strategy, or the default. Most-restrictive takes the highest rank any true rule has.
  const byRank = [...ROUTES.keys()].reverse().map((r) => ({ r, rules: all.filter((i) => rules[i]!.rank === r) })).filter(({ rules }) => rules.length > 0);
  // A policy with no rules takes its default: SQL has no CASE without a WHEN.
  const cases = (whens: string[], otherwise: string) => (whens.length === 0 ? otherwise : `CASE ${whens.join(' ')} ELSE ${otherwise} END`);
  const chosen = firstMatch
    ? cases(all.map((i) => `WHEN ${isTrue(i)} THEN ${rules[i]!.rank}`), String(defaultRank))
    : cases(byRank.map(({ r, rules }) => `WHEN ${anyTrue(rules)} THEN ${r}`), String(defaultRank));
  // Whether the rules that chose the route are all exempt (the default never is): under
  // most-restrictive every matched rule on the chosen route, under first-match the first matched.
  const exemptSql = firstMatch
    ? cases(all.map((i) => `WHEN ${isTrue(i)} THEN ${rules[i]!.exempt}`), 'false')
    : `(${anyTrue(all)} AND NOT (${
        all.filter((i) => !rules[i]!.exempt).map((i) => `(${isTrue(i)} AND ${rules[i]!.rank} = oversight_chosen)`).join(' OR ') || 'false'
      }))`;

  // (4) The irreversible gate on auto and review_after: true lifts to approve_before, absent or null fails closed.
  const gate = declaresIrreversible ? `(oversight_chosen IN (0, 1) AND NOT oversight_exempt)` : 'false';
  // Without an irreversible fact the gate never applies, and nothing reads it (a bare NULL: Hive grammars take no CAST to BOOLEAN).
  const lifts = !declaresIrreversible ? 'NULL' : (options.irreversibleState ?? irreversibleReading(dialect, irreversible));
  const gatedRank = `CASE WHEN NOT ${gate} THEN oversight_chosen
      WHEN ${lifts} IS NULL THEN ${onError}
      WHEN ${lifts} THEN ${rank('approve_before')}
      ELSE oversight_chosen END`;
  const gateError = `CASE WHEN ${gate} AND ${lifts} IS NULL THEN 'irreversibility-unknown' END`;

  // (5) An undecided rule that counts and is stricter than the route from (4); under first-match
  // a rule counts only when no rule ahead of it matched.
  const forced =
    all.map((i) => `(${state(i)} IS NULL AND ${rules[i]!.rank} > oversight_gated${firstMatch ? ` AND NOT ${anyTrue(all.slice(0, i))}` : ''})`).join(' OR ') || 'false';

  const ids = (which: (i: number) => string) => {
    // JavaScript's sort, done here once, so the lists come out as the reference sorts them.
    const order = [...all].sort((a, b) => (spec.rules[a]!.id < spec.rules[b]!.id ? -1 : spec.rules[a]!.id > spec.rules[b]!.id ? 1 : 0));
    // Step 1 failing empties both lists, as in core.
    const items = order.map((i) => `CASE WHEN ${PROBLEM} IS NULL AND ${which(i)} THEN ${rules[i]!.id} END`);
    return dialect.idList(items);
  };
  const routeName = (expression: string) => `CASE ${expression} ${ROUTES.map((route, i) => `WHEN ${i} THEN '${route}'`).join(' ')} END`;

  // Stages, each reading the one before, rather than one select list reusing its aliases:
  // DuckDB inlines a reused alias into every use, and the rule states are used many times over.
  const stage = (columns: string[], from: string) => `SELECT *,\n  ${columns.join(',\n  ')}\nFROM ${from}`;
  // Without `* EXCLUDE`, each distinct facts text is decided once and joined back to its rows;
  // a NULL facts is decided as JSON null, which is not an object, as DuckDB decides NULL.
  const join = dialect.passThrough === 'join';
  const prepare = dialect.prepare;
  const source = join
    ? `(SELECT ${KEY}, ${dialect.rootFrom(KEY)} AS facts FROM (SELECT DISTINCT coalesce(facts, 'null') AS ${KEY} FROM ${INPUT}) oversight_keys)`
    : prepare === undefined ? INPUT : `(SELECT *, ${prepare.sql} AS ${prepare.column} FROM ${INPUT}) oversight_prepared`;
  // Each derived table is named: Hive-style grammars require it.
  const states = stage([`${problem} AS ${PROBLEM}`, ...rules.map((rule, i) => `${rule.when} AS ${state(i)}`)], source);
  const combined = stage([`${chosen} AS oversight_chosen`], `(${states}) oversight_states`);
  const gated = stage([`${exemptSql} AS oversight_exempt`], `(${combined}) oversight_combined`);
  const checked = stage([`${gatedRank} AS oversight_gated`, `${gateError} AS oversight_gate_error`], `(${gated}) oversight_gated_stage`);
  const forcedStage = stage([`(${forced}) AS oversight_forced`], `(${checked}) oversight_checked`);
  const finalRank = `CASE WHEN ${PROBLEM} IS NOT NULL OR oversight_forced THEN ${onError} ELSE oversight_gated END`;
  const result =
    options.output === 'code'
      ? [`${outcomeCode(finalRank, rules.length, (i) => isTrue(i), (i) => `${state(i)} IS NULL`)} AS code`]
      : [
          `${routeName(finalRank)} AS route`,
          `coalesce(${PROBLEM}, oversight_gate_error, CASE WHEN oversight_forced THEN 'missing-fact' END) AS error`,
          `${ids(isTrue)} AS matched`,
          `${ids((i) => `${state(i)} IS NULL`)} AS undecided`,
        ];
  const working = [...(prepare === undefined ? [] : [prepare.column]), PROBLEM, ...rules.map((_, i) => state(i)), 'oversight_chosen', 'oversight_exempt', 'oversight_gated', 'oversight_gate_error', 'oversight_forced'];
  if (!join) return { ok: true, sql: `SELECT * EXCLUDE (${working.join(', ')}),\n  ${result.join(',\n  ')}\nFROM (${forcedStage}) oversight_forced_stage` };
  const decided = `SELECT ${KEY},\n  ${result.join(',\n  ')}\nFROM (${forcedStage}) oversight_forced_stage`;
  const columns = RESULT_COLUMNS.map((column) => `oversight_decided.${column}`).join(', ');
  const sql = `SELECT ${INPUT}.*, ${columns}\nFROM ${INPUT}\nJOIN (${decided}) oversight_decided\nON coalesce(${INPUT}.facts, 'null') = oversight_decided.${KEY}`;
  return { ok: true, sql };
}

/**
 * Step 1 alone, as an expression over `facts` (DuckDB): the error code when the
 * facts fail their checks, NULL when they pass. For a replay that computes it
 * once and hands the column to each variant's query (`factProblem`).
 */
export function compileFactProblem(policy: Policy, options: Pick<CompileSqlOptions, 'facts'>): CompileSqlResult {
  const refusals = new Refusals();
  const sql = factProblemSql(policy.spec.facts, { refusals, dialect: standalone(options) });
  return refusals.diagnostics.length > 0 ? { ok: false, diagnostics: refusals.diagnostics } : { ok: true, sql };
}

/**
 * Each rule's state alone (TRUE, FALSE or NULL for unknown), as expressions
 * over `facts` (DuckDB) with the policy's thresholds: for a replay that
 * computes the rules its variants share once (`ruleStates`).
 */
export function compileRuleStates(policy: Policy, options: Pick<CompileSqlOptions, 'facts' | 'thresholds'>): { ok: true; states: string[] } | { ok: false; diagnostics: SqlDiagnostic[] } {
  const refusals = new Refusals();
  // Overrides of thresholds the policy does not declare are compilePolicyToSql's to refuse.
  const thresholds = thresholdValues(policy, options.thresholds);
  const dialect = standalone(options);
  const states = policy.spec.rules.map((rule, i) => compileCondition(rule.when, `spec.rules[${i}].when`, { thresholds, refusals, dialect }));
  return refusals.diagnostics.length > 0 ? { ok: false, diagnostics: refusals.diagnostics } : { ok: true, states };
}

/**
 * The policy's threshold values with `overrides` in place, by name (no
 * prototype: a threshold named __proto__ is just a name); an override the
 * policy does not declare is left out and passed to `undeclared`.
 */
export function thresholdValues(policy: Policy, overrides: Readonly<Record<string, number>> = {}, undeclared: (name: string) => void = () => {}): Record<string, number> {
  const values = Object.create(null) as Record<string, number>;
  for (const [name, threshold] of Object.entries(policy.spec.thresholds ?? {})) values[name] = threshold.value;
  for (const [name, value] of Object.entries(overrides)) {
    if (Object.hasOwn(values, name)) values[name] = value;
    else undeclared(name);
  }
  return values;
}

// DuckDB without the prepare stage: an expression that stands alone in any select list.
const standalone = (options: Pick<CompileSqlOptions, 'facts'>) => (options.facts === undefined ? DIALECT.duckdb : duckdbColumns(options.facts));

/** The gate's reading of `irreversible`: NULL when absent or null, TRUE when it lifts the route (true), FALSE otherwise. */
export function irreversibleReading(dialect: Dialect, irreversible: JsonRef): string {
  return `(CASE WHEN ${dialect.unknown(irreversible)} THEN NULL ELSE coalesce(${dialect.is(irreversible, 'boolean')} AND ${dialect.boolean(irreversible)}, false) END)`;
}

/** The most rules an outcome code holds: two rule sets beside the route and the error, in a BIGINT. */
export const MAX_CODE_RULES = 28;

/**
 * OUTCOME_CODE: the route's rank in bits 0-2, the error's place in
 * ERROR_CODES plus one (0 for none) in bits 3-5, the matched rules from bit 6
 * (bit 6 + i for the i-th rule of the file) and the undecided ones after
 * them; both sets empty when step 1 failed, as in core. decodeOutcome reads it.
 */
function outcomeCode(rank: string, rules: number, matched: (i: number) => string, undecided: (i: number) => string): string {
  const error = `CASE WHEN ${PROBLEM} IS NOT NULL THEN (CASE ${PROBLEM} ${ERROR_CODES.map((code, i) => `WHEN '${code}' THEN ${i + 1}`).join(' ')} END)
    WHEN oversight_gate_error IS NOT NULL THEN ${ERROR_CODES.indexOf('irreversibility-unknown') + 1} WHEN oversight_forced THEN ${ERROR_CODES.indexOf('missing-fact') + 1} ELSE 0 END`;
  const bits = (which: (i: number) => string, from: number) => Array.from({ length: rules }, (_, i) => `(CAST(${which(i)} AS BIGINT) << ${from + i})`);
  const sets = rules === 0 ? '0' : `CASE WHEN ${PROBLEM} IS NULL THEN ${[...bits(matched, 6), ...bits(undecided, 6 + rules)].join(' | ')} ELSE 0 END`;
  return `(CAST(${rank} AS BIGINT) | (CAST(${error} AS BIGINT) << 3) | ${sets})`;
}

/** An outcome code's parts (OUTCOME_CODE) for a policy of `rules` rules: rule sets as bitmasks, bit i for the i-th rule. */
export function decodeOutcome(code: bigint, rules: number): { route: Route; error: ErrorCode | undefined; matched: bigint; undecided: bigint } {
  const mask = (1n << BigInt(rules)) - 1n;
  const error = Number((code >> 3n) & 7n);
  return { route: ROUTES[Number(code & 7n)]!, error: error === 0 ? undefined : ERROR_CODES[error - 1]!, matched: (code >> 6n) & mask, undecided: (code >> BigInt(6 + rules)) & mask };
}

function isBooleanSchema(schema: Record<string, unknown>): boolean {
  // Its other keywords are checked like any fact's: with type boolean the checked value is true, false or absent.
  return schema.type === 'boolean';
}

/**
 * A full query for tests and the CLI: the compiled query over `source` (a
 * table name or a parenthesised subquery: trusted SQL from the caller, never
 * built from facts), every column of the source and the four result columns.
 */
export function routeQuery(policy: Policy, options: CompileSqlOptions, source: string): CompileSqlResult {
  const compiled = compilePolicyToSql(policy, options);
  if (!compiled.ok) return compiled;
  return { ok: true, sql: `WITH ${INPUT} AS (SELECT * FROM ${source})\n${compiled.sql}` };
}

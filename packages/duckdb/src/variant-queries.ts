// The query that decides every replayed record for every variant and groups
// the records each variant decides alike, and how to read its rows. Two
// forms: variants of one policy (a sweep's points, a threshold candidate) are
// decided from each record's features, grouped first (compileVariants);
// otherwise each variant's whole compiled query runs over every record, the
// stages they share computed once (sharedStages).
import type { CompiledPolicy, Route } from '@oversight/core';
import type { ReplayVariant } from '@oversight/simulator/internal';
import { compilePolicyToSql, compileVariants, decodeOutcome, MAX_CODE_RULES, type ColumnType, type CompileSqlOptions, type VariantsPlan } from '@oversight/sql';
import { sharedStages, thresholdsOf } from './shared-stages.js';
import { SqlRefusalError } from './sql-refusal-error.js';
import type { OutcomeNamer, VariantOutcome } from './variant-outcome.js';

type Row = Record<string, unknown>;

export interface GroupedOutcomes {
  /** One row per group: first, firsts, n, seconds, timed, the labels, and each variant's outcome columns. */
  sql: string;
  /** Each variant's outcome for a group row. */
  outcomes(group: Row, namers: readonly OutcomeNamer[]): VariantOutcome[];
}

const LABELS = 'recorded, has_outcome, verdict, audited, downstream_error';

/** The grouped outcomes of `variants` over the relation `replayed` (labels, turnaround, pos and facts typed `facts`). */
export function groupedOutcomes(replayed: string, variants: readonly ReplayVariant[], facts: ColumnType | undefined, limit: number): GroupedOutcomes {
  const plans = variants.map((variant) => variant.plan);
  const columns = plans.map((plan, v) => outcomeColumns(plan, v));
  const outcomes = (group: Row, namers: readonly OutcomeNamer[]) => namers.map((namer, v) => columns[v]!.read(group, namer));
  const policy = plans[0]!.policy;
  if (plans.length > 1 && plans.every((plan) => plan.policy === policy)) {
    const compiled = compileVariants(policy, variants.map(thresholdsOf), { facts });
    // A varied threshold read by a leaf the features cannot rank: each variant is compiled whole.
    if (compiled.ok) return { sql: featureQuery(replayed, compiled.plan, limit), outcomes };
  }
  return { sql: chainQuery(decidedRecords(replayed, variants, facts, columns), limit), outcomes };
}

/** Every replayed record decided by every variant's whole compiled query (the stages they share computed once): the chain's steps, its last step, and how to read each variant's outcome. */
export function decidedRecords(replayed: string, variants: readonly ReplayVariant[], facts: ColumnType | undefined, columns = variants.map((variant, v) => outcomeColumns(variant.plan, v))): DecidedRecords {
  const shared = sharedStages(variants, facts);
  if (!shared.ok) throw new SqlRefusalError(shared.policy, shared.diagnostics);
  const { stages } = shared;
  const queries = variants.map(({ plan, thresholds }, v) =>
    compiledQuery(plan, thresholds, { dialect: 'duckdb', facts, factProblem: stages.factProblem, ruleStates: stages.ruleStates[v] }),
  );
  const steps = queries.map((sql, v) => {
    const passed = stages.columns.map((column) => `, ${column}`).join('');
    const input = v === 0 ? `SELECT pos, turnaround, ${LABELS}, facts${passed} FROM ${replayed}` : `SELECT * FROM oversight_variant_${v - 1}`;
    return `oversight_variant_${v} AS (SELECT * EXCLUDE (${columns[v]!.exclude}), ${columns[v]!.select}
      FROM (WITH oversight_input AS (${input}) ${sql}))`;
  });
  return { steps: `WITH ${steps.join(',\n')}`, last: `oversight_variant_${queries.length - 1}`, columns };
}

export interface DecidedRecords {
  /** `WITH` and the chain's steps. */
  steps: string;
  /** The step with every variant's outcome columns beside the record's. */
  last: string;
  columns: readonly OutcomeColumns[];
}

function compiledQuery(plan: CompiledPolicy, values: ArrayLike<number> | undefined, options: CompileSqlOptions): string {
  const thresholds = values === undefined ? undefined : Object.fromEntries(plan.thresholdNames.map((name, i) => [name, values[i]!]));
  const compiled = compilePolicyToSql(plan.policy, { ...options, thresholds, output: plan.rules.length <= MAX_CODE_RULES ? 'code' : 'columns' });
  if (!compiled.ok) throw new SqlRefusalError(plan.name, compiled.diagnostics);
  return compiled.sql;
}

/**
 * How a variant's outcome reaches the groups: one outcome code (route, error,
 * rule sets as bitmasks) when the policy's rules fit one, so each point of a
 * sweep adds one column to group by rather than four; else the four columns.
 */
export interface OutcomeColumns {
  exclude: string;
  select: string;
  columns: string[];
  /** The SQL of the variant's route, as its place in ROUTES or its name. */
  route: string;
  read: (group: Row, namer: OutcomeNamer) => VariantOutcome;
}

function outcomeColumns(plan: CompiledPolicy, v: number): OutcomeColumns {
  if (plan.rules.length <= MAX_CODE_RULES) {
    return {
      route: `(code_${v} & 7)`,
      exclude: 'code',
      select: `code AS code_${v}`,
      columns: [`code_${v}`],
      read: (group, namer) => {
        const { route, error, matched, undecided } = decodeOutcome(BigInt(group[`code_${v}`] as bigint), plan.rules.length);
        return namer.outcome(route, error ?? null, matched, undecided);
      },
    };
  }
  const results = ['route', 'error', 'matched', 'undecided'];
  return {
    route: `route_${v}`,
    exclude: results.join(', '),
    select: results.map((column) => `${column} AS ${column}_${v}`).join(', '),
    columns: results.map((column) => `${column}_${v}`),
    read: (group, namer) => namer.outcome(group[`route_${v}`] as Route, group[`error_${v}`] as string | null, group[`matched_${v}`] as string[], group[`undecided_${v}`] as string[]),
  };
}

/** Each group's first line and its first `limit` lines, as the fold reads them. */
const firsts = (positions: string, limit: number) => (limit > 0 ? `list_transform(${positions}, p -> p::DOUBLE)` : '[]::DOUBLE[]');

/**
 * Records grouped by their labels and features (one pass over the records);
 * every variant decided once for each distinct feature tuple (the labels do
 * not change a decision), joined back; then the groups every variant decides
 * alike merged.
 */
function featureQuery(replayed: string, plan: VariantsPlan, limit: number): string {
  const input = plan.prepare === undefined ? replayed : `(SELECT *, ${plan.prepare.sql} AS ${plan.prepare.column} FROM ${replayed})`;
  const features = plan.features.map(({ column }) => column);
  const steps = plan.queries.map((sql, v) => {
    const from = v === 0 ? 'oversight_distinct' : `oversight_variant_${v - 1}`;
    return `oversight_variant_${v} AS (SELECT * EXCLUDE (code), code AS code_${v} FROM (WITH oversight_input AS (SELECT * FROM ${from}) ${sql}))`;
  });
  const codes = plan.queries.map((_, v) => `code_${v}`).join(', ');
  // Features are NULL where unknown: the join matches NULL with NULL.
  const same = features.map((column) => `g.${column} IS NOT DISTINCT FROM d.${column}`).join(' AND ');
  return `WITH oversight_features AS (SELECT pos, turnaround, ${LABELS}, ${plan.features.map(({ column, sql }) => `${sql} AS ${column}`).join(',\n      ')} FROM ${input}),
    oversight_grouped AS (SELECT min(pos) AS first, ${limit > 0 ? `min(pos, ${limit})` : '[]::BIGINT[]'} AS firsts, count(*) AS n,
      coalesce(sum(turnaround), 0) AS seconds, count(turnaround) AS timed, ${LABELS}, ${features.join(', ')}
      FROM oversight_features GROUP BY ALL),
    oversight_distinct AS (SELECT DISTINCT ${features.join(', ')} FROM oversight_grouped),
    ${steps.join(',\n    ')}
    SELECT min(g.first)::DOUBLE AS first, ${firsts(`list_slice(list_sort(flatten(list(g.firsts))), 1, ${limit})`, limit)} AS firsts,
      sum(g.n)::DOUBLE AS n, sum(g.seconds)::DOUBLE AS seconds, sum(g.timed)::DOUBLE AS timed, ${LABELS.split(', ').map((label) => `g.${label}`).join(', ')}, ${codes}
    FROM oversight_grouped g JOIN oversight_variant_${plan.queries.length - 1} d ON ${same}
    GROUP BY ALL ORDER BY first`;
}

/** One row per group of records that carry the same labels and that every variant decides alike. */
function chainQuery(decided: DecidedRecords, limit: number): string {
  const outputs = decided.columns.flatMap((outcome) => outcome.columns);
  return `${decided.steps}
    SELECT min(pos)::DOUBLE AS first, ${firsts(`min(pos, ${limit})`, limit)} AS firsts,
      count(*)::DOUBLE AS n, coalesce(sum(turnaround), 0)::DOUBLE AS seconds, count(turnaround)::DOUBLE AS timed,
      ${LABELS}, ${outputs.join(', ')}
    FROM ${decided.last}
    GROUP BY ALL ORDER BY first`;
}

// A replay on DuckDB: the same ReplayState the streaming replay builds, so
// the simulator's own report builders turn it into the same reports. DuckDB
// reads the files, decides every record for every variant with the policy
// compiled to SQL, and groups records that every variant decides alike; this
// module folds those groups in the order of their first line, which keeps
// every first-seen order (names, error codes, examples) a streaming pass has.
import type { DuckDBConnection } from '@duckdb/node-api';
import { HUMAN_ROUTES, ROUTES, type Route } from '@oversight/core';
import { addToHistogram, DEFAULT_EXAMPLES, nameKey, newLogHistogram, newReplayState, newRoleTally, UNASSIGNED, type ReplayState, type ReplayVariant } from '@oversight/simulator/internal';
import { sqlString } from '@oversight/sql';
import { count, historyFormat, loadHistory, placeOf, type HistoryFile } from './history-tables.js';
import { textFactsOf } from './csv-rows.js';
import { loadTypedHistory } from './parquet-history.js';
import { observeRouteChanges, type RouteChangesObserver } from './route-changes.js';
import { groupedOutcomes } from './variant-queries.js';
import { OutcomeNamer, type VariantOutcome } from './variant-outcome.js';

export interface DuckDbReplayOptions {
  /** Examples kept per list (default 20). */
  examples?: number;
  /** Whether to list each candidate's escapes and saved reviews (default true): a sweep's points list none. */
  candidateExamples?: boolean;
  /** Told of the records each candidate routes otherwise than the baseline, those alike in facts and decision at once. */
  onRouteChanges?: RouteChangesObserver;
}

const AUTO = 0;
const HUMAN: readonly boolean[] = ROUTES.map((route) => HUMAN_ROUTES.includes(route));
const DUPLICATES = 'oversight_duplicates';
const REPEATED = 'oversight_repeated_ids';
const REPLAYED = 'oversight_replayed';

export async function replayOnDuckDb(connection: DuckDBConnection, files: readonly HistoryFile[], variants: readonly ReplayVariant[], options: DuckDbReplayOptions = {}): Promise<ReplayState> {
  const plans = variants.map((variant) => variant.plan);
  const limit = options.examples ?? DEFAULT_EXAMPLES;
  const state = newReplayState(plans.map((plan) => plan.rules.length));
  for (const file of files) if (!state.sources.includes(file.name)) state.sources.push(file.name);
  const lineRef = (pos: number) => {
    const { src, line } = placeOf(pos);
    return { source: files[src]!.name, line };
  };

  const format = historyFormat(files);
  const loaded = format === 'jsonl' ? await loadHistory(connection, files) : await loadTypedHistory(connection, { format, files, textFacts: textFactsOf(plans.map((plan) => plan.policy.spec.facts)) });
  state.total = loaded.total;
  state.logEvents = loaded.events;
  state.invalid = { count: loaded.invalid.length, examples: loaded.invalid.slice(0, limit).map(({ pos, reason }) => ({ ...lineRef(pos), reason })) };

  const records = loaded.records;
  // A decision is one line: a later line with its id is a duplicate, counted once at the first.
  // The repeated ids first (one hash aggregate), then, if any, their later lines: cheaper than a window over every id.
  await connection.run(`CREATE OR REPLACE TEMP TABLE ${REPEATED} AS SELECT decision_id, min(pos) AS first_pos FROM ${records} GROUP BY decision_id HAVING count(*) > 1`);
  const repeated = (await count(connection, `SELECT count(*) FROM ${REPEATED}`)) > 0;
  await connection.run(`CREATE OR REPLACE TEMP TABLE ${DUPLICATES} AS
    SELECT r.pos, d.first_pos, r.decision_id FROM ${records} r JOIN ${REPEATED} d USING (decision_id) WHERE ${repeated} AND r.pos <> d.first_pos`);
  const duplicates = await rows(connection, `SELECT count(*) OVER ()::DOUBLE AS n, pos::DOUBLE AS pos, first_pos::DOUBLE AS first_pos, decision_id FROM ${DUPLICATES} ORDER BY pos LIMIT ${Math.max(limit, 1)}`);
  state.duplicates = {
    count: (duplicates[0]?.n as number | undefined) ?? 0,
    examples: duplicates.slice(0, limit).map((row) => ({ ...lineRef(row.pos as number), decisionId: row.decision_id as string, first: lineRef(row.first_pos as number) })),
  };
  const name = sqlString(plans[0]!.name);
  if (name === undefined) throw new Error(`policy '${plans[0]!.name}': a name with a NUL character cannot be written in SQL`);
  // Filters a scan pays for only when there are duplicates to leave out.
  const unique = repeated ? `pos NOT IN (SELECT pos FROM ${DUPLICATES}) AND ` : '';
  await connection.run(`CREATE OR REPLACE TEMP VIEW ${REPLAYED} AS SELECT * FROM ${records} WHERE ${unique}policy_name = ${name}`);
  for (const row of await rows(connection, `SELECT policy_name, count(*)::DOUBLE AS n FROM ${records} WHERE ${unique}policy_name <> ${name} GROUP BY policy_name ORDER BY min(pos)`)) {
    const key = nameKey(state.otherPolicies, row.policy_name as string);
    state.otherPolicies[key] = (state.otherPolicies[key] ?? 0) + (row.n as number);
  }
  for (const row of await rows(connection, `SELECT coalesce(answered_by, '${UNASSIGNED}') AS role, turnaround::DOUBLE AS seconds, count(*)::DOUBLE AS n FROM ${REPLAYED} WHERE turnaround IS NOT NULL GROUP BY ALL ORDER BY min(pos)`)) {
    addToHistogram((state.turnaround[nameKey(state.turnaround, row.role as string)] ??= newLogHistogram()), row.seconds as number, row.n as number);
  }

  const namers = plans.map((plan) => new OutcomeNamer(plan));
  const lists = new ExampleLists(limit, options.candidateExamples ?? true);
  const grouped = groupedOutcomes(REPLAYED, variants, loaded.facts, limit);
  for (const group of await rows(connection, grouped.sql)) foldGroup(state, group, grouped.outcomes(group, namers), lists);
  await lists.fill(connection, records, state, lineRef);
  if (options.onRouteChanges !== undefined) await observeRouteChanges(connection, REPLAYED, variants, loaded.facts, options.onRouteChanges);
  return state;
}

type Row = Record<string, unknown>;

/** The tallies of one group of records, counted `n` times, as Replay counts each record. */
function foldGroup(state: ReplayState, group: Row, outcomes: readonly VariantOutcome[], lists: ExampleLists): void {
  const n = group.n as number;
  const verdict = group.verdict as string | null;
  const bad = verdict === 'rejected' || verdict === 'edited' || group.downstream_error === true;
  const recorded = group.recorded as Route;
  state.replayed += n;
  if (recorded === 'auto' && group.audited === true && (bad || verdict === 'approved')) {
    state.qa.audited += n;
    if (bad) state.qa.errors += n;
  }
  const neverReviewed = recorded === 'auto' && group.has_outcome !== true && group.audited !== true;
  const firsts = group.firsts as number[];
  const baseline = outcomes[0]!;
  outcomes.forEach((outcome, v) => {
    const variant = state.variants[v]!;
    variant.routes[outcome.rank]! += n;
    for (const rule of outcome.matched) variant.ruleHits[rule]! += n;
    if (outcome.error !== undefined) variant.errors[outcome.error] = (variant.errors[outcome.error] ?? 0) + n;
    if (HUMAN[outcome.rank]) {
      const tally = (variant.roles[outcome.reviewer ?? UNASSIGNED] ??= newRoleTally());
      tally.byRoute[outcome.rank]! += n;
      tally.recordedSeconds += group.seconds as number;
      tally.withoutTurnaround += n - (group.timed as number);
    }
    if (outcome.rank === AUTO && bad) variant.automatedErrors += n;
    if (v === 0) {
      state.fidelity.of += n;
      if (outcome.route === recorded) state.fidelity.reproduced += n;
      else lists.offer('mismatch', 0, firsts, outcomes);
      return;
    }
    variant.matrix[baseline.rank * 5 + outcome.rank]! += n;
    if (HUMAN[outcome.rank] && neverReviewed) variant.toHumanNeverReviewed += n;
    if (outcome.rank !== AUTO || baseline.rank === AUTO) return;
    variant.newlyAutomated += n;
    if (bad) {
      variant.escapes += n;
      lists.offer('escape', v, firsts, outcomes);
    } else if (verdict === 'approved') {
      variant.savedReviews += n;
      lists.offer('saved', v, firsts, outcomes);
    } else {
      variant.newlyAutomatedUnlabeled += n;
    }
  });
}

type ListKind = 'mismatch' | 'escape' | 'saved';

/**
 * The first `limit` records of each example list: every group offers its own
 * first positions, and the smallest win, which are the lines a streaming
 * replay would have listed. Their details are read in one query at the end.
 */
class ExampleLists {
  private readonly lists = new Map<string, { pos: number; outcomes: readonly VariantOutcome[] }[]>();

  constructor(
    private readonly limit: number,
    private readonly candidates: boolean,
  ) {}

  offer(kind: ListKind, variant: number, firsts: readonly number[], outcomes: readonly VariantOutcome[]): void {
    if (kind !== 'mismatch' && !this.candidates) return;
    const key = `${kind}:${variant}`;
    const list = this.lists.get(key) ?? [];
    for (const pos of firsts) list.push({ pos, outcomes });
    list.sort((a, b) => a.pos - b.pos);
    this.lists.set(key, list.slice(0, this.limit));
  }

  async fill(connection: DuckDBConnection, records: string, state: ReplayState, lineRef: (pos: number) => { source: string; line: number }): Promise<void> {
    const wanted = new Set([...this.lists.values()].flatMap((list) => list.map((item) => item.pos)));
    if (wanted.size === 0) return;
    const details = new Map<number, Row>();
    const found = await rows(connection, `SELECT pos::DOUBLE AS pos, decision_id, recorded, verdict, reason, downstream_error, CAST(to_json(rules) AS VARCHAR) AS rules FROM ${records} WHERE pos IN (${[...wanted].join(', ')})`);
    for (const row of found) details.set(row.pos as number, row);
    for (const [key, list] of this.lists) {
      const [kind, index] = key.split(':') as [ListKind, string];
      const v = Number(index);
      for (const { pos, outcomes } of list) {
        const record = details.get(pos)!;
        const where = lineRef(pos);
        if (kind === 'mismatch') {
          const replayed = outcomes[0]!;
          state.fidelity.mismatches.push({
            ...where,
            decisionId: record.decision_id as string,
            recorded: { route: record.recorded as Route, rules: record.rules === null ? undefined : (JSON.parse(record.rules as string) as string[]) },
            replayed: {
              route: replayed.route,
              rules: replayed.matchedIds,
              ...(replayed.error === undefined ? {} : { error: replayed.error }),
            },
          });
          continue;
        }
        const changed = {
          ...where,
          decisionId: record.decision_id as string,
          recordedRoute: record.recorded as Route,
          baselineRoute: outcomes[0]!.route,
          candidateRoute: outcomes[v]!.route,
          rule: outcomes[v]!.rule,
          outcome: (record.verdict ?? undefined) as never,
          reason: (record.reason ?? undefined) as string | undefined,
          downstreamError: (record.downstream_error ?? undefined) as boolean | undefined,
        };
        if (kind === 'escape') state.variants[v]!.escapeExamples.push(changed);
        else state.variants[v]!.savedExamples.push(changed);
      }
    }
  }
}

async function rows(connection: DuckDBConnection, sql: string): Promise<Row[]> {
  const reader = await connection.runAndReadAll(sql);
  return reader.getRowObjectsJS();
}

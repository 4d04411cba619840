import { ROUTES, type HistoryRecord, type Route, type RouteResult } from '@oversight/core';
import { evaluateVariants, prepareVariants } from '@oversight/core/internal';
import type { HistorySource } from '../history/replay-history.js';
import { LineSplitter } from '../history/line-splitter.js';
import { parseRecord } from '../history/parse-record.js';
import { isLabelled } from '../replay/labels.js';
import { Replay, type ReplayVariant } from '../replay/replay.js';
import type { ReplayState } from '../replay/replay-state.js';
import type { LineRef } from '../types.js';

/** An irreversible record a variant would let run before a person looks, where the baseline did not. */
export interface IrreversibleRelease extends LineRef {
  decisionId: string;
  baselineRoute: Route;
  candidateRoute: Route;
}

/** What suggestions need per variant beyond the sweep's counts. */
export interface SuggestTally {
  /** Records this variant routes differently from the baseline (variant 0). */
  changed: number;
  /** Of those, records history labels: a person approved, rejected or edited them, or they failed downstream. */
  changedLabelled: number;
  /**
   * Records with `facts.irreversible: true` the baseline sends to a person first
   * (approve_before, escalate) or denies, that this variant runs alone (auto) or
   * lets run before review (review_after).
   */
  irreversibleReleased: number;
  /** The first few of them, by line. */
  irreversibleExamples: IrreversibleRelease[];
}

export interface SuggestReplay {
  /** The replay's own state, exactly as replayHistory gives it: sweepReport reads it. */
  state: ReplayState;
  /** Per variant, in the order given (variant 0, the baseline, has all zeros). */
  tallies: SuggestTally[];
}

const ROUTE_INDEX: Record<Route, number> = { auto: 0, review_after: 1, approve_before: 2, escalate: 3, deny: 4 };
/** Routes under which the action waits for a person, or never runs. */
const PERSON_FIRST: readonly boolean[] = ROUTES.map((route) => route === 'approve_before' || route === 'escalate' || route === 'deny');
/** Routes under which the action runs before any person has looked. */
const RUNS_ALONE: readonly boolean[] = ROUTES.map((route) => route === 'auto' || route === 'review_after');

/**
 * One pass over the history: the simulator's Replay (the sweep's counts, line
 * for line what replayHistory would give) and, for every record the Replay
 * replays, each variant's route again, to count route changes, their labels,
 * and irreversible records released from a person's approval. The Replay
 * decides which lines count (its policy, not invalid, not a duplicate); this
 * pass only looks at lines it counted.
 */
export async function replayForSuggestions(
  sources: AsyncIterable<HistorySource> | Iterable<HistorySource>,
  variants: readonly ReplayVariant[],
  examples = 5,
): Promise<SuggestReplay> {
  const replay = new Replay(variants);
  const set = prepareVariants(variants);
  const tallies: SuggestTally[] = variants.map(() => ({ changed: 0, changedLabelled: 0, irreversibleReleased: 0, irreversibleExamples: [] }));
  const routes = new Int32Array(variants.length);
  const visit = (index: number, result: RouteResult) => {
    routes[index] = ROUTE_INDEX[result.route];
  };
  let source = '';

  const onLine = (text: string, line: number) => {
    const before = replay.state.replayed;
    replay.addLine(text, line);
    if (replay.state.replayed === before) return;
    // The Replay read and validated this line and replayed it: reading it again cannot fail.
    const parsed = parseRecord(text);
    if (parsed.ok !== true) return;
    const record = parsed.record;
    evaluateVariants(set, record.facts, visit);
    tallyRecord(record, line);
  };

  const tallyRecord = (record: HistoryRecord, line: number) => {
    const baseline = routes[0]!;
    const labelled = isLabelled(record);
    const irreversible = isIrreversible(record.facts) && PERSON_FIRST[baseline] === true;
    for (let index = 1; index < routes.length; index++) {
      const candidate = routes[index]!;
      if (candidate === baseline) continue;
      const tally = tallies[index]!;
      tally.changed++;
      if (labelled) tally.changedLabelled++;
      if (irreversible && RUNS_ALONE[candidate] === true) {
        tally.irreversibleReleased++;
        if (tally.irreversibleExamples.length < examples) {
          tally.irreversibleExamples.push({ source, line, decisionId: record.decisionId, baselineRoute: ROUTES[baseline]!, candidateRoute: ROUTES[candidate]! });
        }
      }
    }
  };

  for await (const { name, chunks } of sources) {
    source = name;
    replay.startSource(name);
    const splitter = new LineSplitter(onLine, (line, length) => replay.addTooLong(line, length));
    for await (const chunk of chunks) splitter.push(chunk);
    splitter.end();
  }
  return { state: replay.state, tallies };
}

function isIrreversible(facts: unknown): boolean {
  return facts !== null && typeof facts === 'object' && (facts as Record<string, unknown>).irreversible === true;
}

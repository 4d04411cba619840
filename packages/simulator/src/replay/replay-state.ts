import type { ChangedRecord, DuplicateLine, FidelityMismatch, InvalidLine } from '../types.js';
import { mergeHistogram, type LogHistogram } from '../metrics/log-histogram.js';
import { dictionary } from './dictionary.js';

/** Reviews of one role under one policy: counts per route, and the hours known so far. */
export interface RoleTally {
  /** Per route, in ROUTES order. */
  byRoute: number[];
  /**
   * Recorded turnaround in seconds. The schema holds each to a whole number of
   * at most a year, so the sum is exact in any order of addition (ranges merged
   * as workers finish) up to 2^53 s: 285 million records of a year each.
   */
  recordedSeconds: number;
  /** Reviews whose record has no turnaround: priced at the role's median at the end. */
  withoutTurnaround: number;
}

/** What one variant (the baseline, a candidate, a sweep point) did with the records so far. */
export interface VariantTally {
  routes: number[];
  ruleHits: number[];
  errors: Record<string, number>;
  roles: Record<string, RoleTally>;
  /** The rest compares with the baseline (variant 0), and stays zero there. */
  matrix: number[];
  newlyAutomated: number;
  escapes: number;
  escapeExamples: ChangedRecord[];
  savedReviews: number;
  savedExamples: ChangedRecord[];
  automatedErrors: number;
  toHumanNeverReviewed: number;
  newlyAutomatedUnlabeled: number;
}

/**
 * Everything a replay accumulates: plain data, so a worker can send it back
 * and states of separate byte ranges add up to the state of the whole file.
 */
export interface ReplayState {
  sources: string[];
  total: number;
  replayed: number;
  otherPolicies: Record<string, number>;
  invalid: { count: number; examples: InvalidLine[] };
  /** Decision log lines that are not settled decisions: counted, not replayed. */
  logEvents: number;
  /**
   * Lines whose decisionId an earlier line has. Each example's `first` is exact
   * in one replay; where states of byte ranges are merged, DecisionIndex sets it.
   */
  duplicates: { count: number; examples: DuplicateLine[] };
  fidelity: { reproduced: number; of: number; mismatches: FidelityMismatch[] };
  /** Recorded turnaround per reviewer role, from every record with an outcome. */
  turnaround: Record<string, LogHistogram>;
  qa: { audited: number; errors: number };
  variants: VariantTally[];
}

export function newRoleTally(): RoleTally {
  return { byRoute: [0, 0, 0, 0, 0], recordedSeconds: 0, withoutTurnaround: 0 };
}

export function newVariantTally(ruleCount: number): VariantTally {
  return {
    routes: [0, 0, 0, 0, 0],
    ruleHits: new Array<number>(ruleCount).fill(0),
    errors: dictionary(),
    roles: dictionary(),
    matrix: new Array<number>(25).fill(0),
    newlyAutomated: 0,
    escapes: 0,
    escapeExamples: [],
    savedReviews: 0,
    savedExamples: [],
    automatedErrors: 0,
    toHumanNeverReviewed: 0,
    newlyAutomatedUnlabeled: 0,
  };
}

export function newReplayState(ruleCounts: readonly number[]): ReplayState {
  return {
    sources: [],
    total: 0,
    replayed: 0,
    otherPolicies: dictionary(),
    invalid: { count: 0, examples: [] },
    logEvents: 0,
    duplicates: { count: 0, examples: [] },
    fidelity: { reproduced: 0, of: 0, mismatches: [] },
    turnaround: dictionary(),
    qa: { audited: 0, errors: 0 },
    variants: ruleCounts.map(newVariantTally),
  };
}

/**
 * Adds `from` into `into`. Example lists keep the first `limit` by source and
 * line, so merging the states of consecutive byte ranges in any order gives
 * the lists a single pass would have kept.
 */
export function mergeReplayState(into: ReplayState, from: ReplayState, limit: number): void {
  for (const source of from.sources) if (!into.sources.includes(source)) into.sources.push(source);
  into.total += from.total;
  into.replayed += from.replayed;
  addCounts(into.otherPolicies, from.otherPolicies);
  into.invalid.count += from.invalid.count;
  into.logEvents += from.logEvents;
  into.invalid.examples = firstByLine(into, [...into.invalid.examples, ...from.invalid.examples], limit);
  into.duplicates.count += from.duplicates.count;
  into.duplicates.examples = firstByLine(into, [...into.duplicates.examples, ...from.duplicates.examples], limit);
  into.fidelity.reproduced += from.fidelity.reproduced;
  into.fidelity.of += from.fidelity.of;
  into.fidelity.mismatches = firstByLine(into, [...into.fidelity.mismatches, ...from.fidelity.mismatches], limit);
  for (const [role, histogram] of Object.entries(from.turnaround)) {
    const mine = into.turnaround[role];
    if (mine === undefined) into.turnaround[role] = [...histogram];
    else mergeHistogram(mine, histogram);
  }
  into.qa.audited += from.qa.audited;
  into.qa.errors += from.qa.errors;
  from.variants.forEach((theirs, index) => mergeVariant(into, into.variants[index]!, theirs, limit));
}

function mergeVariant(state: ReplayState, into: VariantTally, from: VariantTally, limit: number): void {
  addArrays(into.routes, from.routes);
  addArrays(into.ruleHits, from.ruleHits);
  addArrays(into.matrix, from.matrix);
  addCounts(into.errors, from.errors);
  for (const [role, theirs] of Object.entries(from.roles)) {
    const mine = (into.roles[role] ??= newRoleTally());
    addArrays(mine.byRoute, theirs.byRoute);
    mine.recordedSeconds += theirs.recordedSeconds;
    mine.withoutTurnaround += theirs.withoutTurnaround;
  }
  into.newlyAutomated += from.newlyAutomated;
  into.escapes += from.escapes;
  into.escapeExamples = firstByLine(state, [...into.escapeExamples, ...from.escapeExamples], limit);
  into.savedReviews += from.savedReviews;
  into.savedExamples = firstByLine(state, [...into.savedExamples, ...from.savedExamples], limit);
  into.automatedErrors += from.automatedErrors;
  into.toHumanNeverReviewed += from.toHumanNeverReviewed;
  into.newlyAutomatedUnlabeled += from.newlyAutomatedUnlabeled;
}

function firstByLine<T extends { source: string; line: number }>(state: ReplayState, items: T[], limit: number): T[] {
  const order = (source: string) => state.sources.indexOf(source);
  return items.sort((a, b) => order(a.source) - order(b.source) || a.line - b.line).slice(0, limit);
}

function addArrays(into: number[], from: readonly number[]): void {
  for (let i = 0; i < from.length; i++) into[i] = (into[i] ?? 0) + from[i]!;
}

function addCounts(into: Record<string, number>, from: Readonly<Record<string, number>>): void {
  for (const [key, count] of Object.entries(from)) into[key] = (into[key] ?? 0) + count;
}

/** Moves every line reference by `offset`: a byte range's lines are counted from its own start. */
export function shiftLines(state: ReplayState, offset: number): void {
  const shift = (items: { line: number }[]) => items.forEach((item) => (item.line += offset));
  shift(state.invalid.examples);
  shift(state.duplicates.examples);
  shift(state.duplicates.examples.map((duplicate) => duplicate.first));
  shift(state.fidelity.mismatches);
  for (const variant of state.variants) {
    shift(variant.escapeExamples);
    shift(variant.savedExamples);
  }
}

import type { ChangedRecord, DuplicateLine, FidelityMismatch, InvalidLine } from '../types.js';
import type { LogHistogram } from '../metrics/log-histogram.js';
import { dictionary } from './dictionary.js';

/** Reviews of one role under one policy: counts per route, and the hours known so far. */
export interface RoleTally {
  /** Per route, in ROUTES order. */
  byRoute: number[];
  /**
   * Recorded turnaround in seconds. The schema holds each to a whole number of
   * at most a year, so the sum is exact in any order of addition up to 2^53 s:
   * 285 million records of a year each.
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
 * Everything a replay accumulates: plain data, so that another engine (a query
 * over the history) can fill one and get the same reports from it.
 */
export interface ReplayState {
  sources: string[];
  total: number;
  replayed: number;
  otherPolicies: Record<string, number>;
  invalid: { count: number; examples: InvalidLine[] };
  /** Decision log lines that are not settled decisions: counted, not replayed. */
  logEvents: number;
  /** Lines whose decisionId an earlier line has, each with the line read first. */
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

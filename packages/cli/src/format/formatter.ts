import type { Decision, Route } from '@oversight/core';

/** One decision and the input line (1-based) whose facts produced it. */
export interface EvaluatedLine {
  line: number;
  decision: Decision;
}

/** What a run of `oversight eval` decided, counted for the closing summary. */
export interface RouteTally {
  total: number;
  routes: Record<Route, number>;
  /** Decisions that took `onError`, whatever the cause. */
  errors: number;
}

/**
 * Renders decisions as they are made, so output streams: `decision` for each
 * one in input order, then `end` once with the tally. Both return text, and
 * neither writes anywhere.
 */
export interface DecisionFormatter {
  decision(entry: EvaluatedLine): string;
  end(tally: RouteTally): string;
}

// The public API of @oversight/simulator. Everything else in this package is internal
// (the CLI uses './internal.ts', exported as @oversight/simulator/internal).
export type * from './types.js';
export { simulate, simulationReport } from './simulate.js';
export type { PolicyUnderTest, SimulateOptions } from './simulate.js';
export type { RouteChangeObserver } from './replay/replay.js';
export { sweep, sweepReport } from './sweep/sweep.js';
export type { SweepOptions } from './sweep/sweep.js';
export { parseSweepRange, sweepPoints, MAX_POINTS } from './sweep/sweep-grid.js';
export { parseEscapeBudget, parsePercent } from './budget/parse-budget.js';
export type { Parsed } from './budget/parse-budget.js';
export { checkBudgets } from './budget/check-budgets.js';
export { replayHistory } from './history/replay-history.js';
export type { HistorySource } from './history/replay-history.js';
export { suggestThresholds, DEFAULT_MAX_ESCAPE_RATE } from './suggest/suggest-thresholds.js';
export type { SuggestOptions } from './suggest/suggest-thresholds.js';
export { thresholdGrid, DEFAULT_STEPS, MAX_STEPS } from './suggest/suggest-grid.js';
export type { ThresholdGrid } from './suggest/suggest-grid.js';
export type { Suggestion, SuggestionReport, RefusedMove, ThresholdSearch, EscapeEstimate, IrreversibleRelease } from './suggest/suggest-types.js';
export { reviewReport, ReviewTally, parsePeriod, isoWeek, DEFAULT_CEREMONIAL, DEFAULT_RUBBER_STAMP, DEFAULT_MIN_RECORDS, DEFAULT_TOP_REASONS } from './review/index.js';
export type {
  Period, ReviewReport, ReviewReportOptions, CeremonialCriteria, RubberStampCriteria, Rate, Turnaround, OutcomeRates,
  GroupFigures, RoleFigures, ReasonCount, ReasonList, ReasonGroup, CeremonialRule, RubberStampSign, RubberStampReviewer,
  QueueByHour, WeekTrend,
} from './review/index.js';

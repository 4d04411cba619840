// The public API of @oversight/simulator. Everything else in this package is internal.
export type * from './types.js';
export { simulate, simulationReport, simulationVariants } from './simulate.js';
export type { PolicyUnderTest, SimulateOptions } from './simulate.js';
export { sweep, sweepReport, sweepVariants } from './sweep/sweep.js';
export type { SweepOptions } from './sweep/sweep.js';
export { parseSweepRange, sweepPoints, MAX_POINTS } from './sweep/sweep-grid.js';
export { parseEscapeBudget, parsePercent } from './budget/parse-budget.js';
export type { Parsed } from './budget/parse-budget.js';
export { checkBudgets } from './budget/check-budgets.js';
export { replayHistory } from './history/replay-history.js';
export type { HistorySource } from './history/replay-history.js';
export { Replay } from './replay/replay.js';
export type { ReplayOptions, ReplayVariant } from './replay/replay.js';
export { mergeReplayState, newReplayState, shiftLines } from './replay/replay-state.js';
export type { ReplayState } from './replay/replay-state.js';
export { LineSplitter } from './history/line-splitter.js';
export { FIDELITY_WARNING } from './report/build-report.js';

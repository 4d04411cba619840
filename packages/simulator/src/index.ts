// The public API of @oversight/simulator. Everything else in this package is internal
// (the CLI's parallel replay uses './internal.ts', exported as @oversight/simulator/internal).
export type * from './types.js';
export { simulate, simulationReport } from './simulate.js';
export type { PolicyUnderTest, SimulateOptions } from './simulate.js';
export { sweep, sweepReport } from './sweep/sweep.js';
export type { SweepOptions } from './sweep/sweep.js';
export { parseSweepRange, sweepPoints, MAX_POINTS } from './sweep/sweep-grid.js';
export { parseEscapeBudget, parsePercent } from './budget/parse-budget.js';
export type { Parsed } from './budget/parse-budget.js';
export { checkBudgets } from './budget/check-budgets.js';
export { replayHistory } from './history/replay-history.js';
export type { HistorySource } from './history/replay-history.js';

// What the CLI's parallel replay needs beyond the public API: the replay
// itself, its mergeable state, the line reader and the variants of a run.
// Internal: it may change in any release.
export { simulationVariants } from './simulate.js';
export { sweepVariants } from './sweep/sweep.js';
export { Replay } from './replay/replay.js';
export type { ReplayOptions, ReplayVariant } from './replay/replay.js';
export { mergeReplayState, newReplayState, shiftLines } from './replay/replay-state.js';
export { DecisionIndex } from './replay/decision-index.js';
export type { IdTableData } from './replay/id-table.js';
export type { ReplayState } from './replay/replay-state.js';
export { LineSplitter } from './history/line-splitter.js';
export { FIDELITY_WARNING } from './report/build-report.js';

// What the CLI needs beyond the public API: the variants of a run, the line
// splitter of its readers, and a report warning it shows.
// Internal: it may change in any release.
export { simulationVariants } from './simulate.js';
export { sweepVariants } from './sweep/sweep.js';
export type { ReplayVariant } from './replay/replay.js';
export type { ReplayState } from './replay/replay-state.js';
export { LineSplitter } from './history/line-splitter.js';
export { FIDELITY_WARNING } from './report/build-report.js';
// What @oversight/duckdb needs to build the same ReplayState from its queries.
export { newReplayState, newRoleTally } from './replay/replay-state.js';
export { DEFAULT_EXAMPLES, nameKey, UNASSIGNED } from './replay/replay.js';
export { addToHistogram, newLogHistogram } from './metrics/log-histogram.js';
export { parseRecord } from './history/parse-record.js';
export { MAX_LINE_LENGTH } from './history/line-splitter.js';

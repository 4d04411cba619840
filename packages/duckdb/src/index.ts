// The public API of @oversight/duckdb: the simulator's replays on DuckDB embedded.
export { simulateOnDuckDb, sweepOnDuckDb, withDuckDb } from './duckdb-engine.js';
export type { DuckDbOptions } from './duckdb-engine.js';
export { replayOnDuckDb } from './replay-on-duckdb.js';
export { SqlRefusalError } from './sql-refusal-error.js';
export type { DuckDbReplayOptions } from './replay-on-duckdb.js';
export type { RouteChange, RouteChangesObserver } from './route-changes.js';
export { formatOf, FORMAT_NAMES, HistoryFormatError } from './history-tables.js';
export type { HistoryFile, HistoryFormat } from './history-tables.js';

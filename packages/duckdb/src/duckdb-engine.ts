// simulate and sweep on DuckDB: the streaming engine's reports, from a replay
// DuckDB runs. The report builders are the simulator's own.
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { simulationReport, sweepReport, type SimulateOptions, type SimulationReport, type SweepOptions, type SweepReport } from '@oversight/simulator';
import { simulationVariants, sweepVariants } from '@oversight/simulator/internal';
import type { HistoryFile } from './history-tables.js';
import { replayOnDuckDb, type DuckDbReplayOptions } from './replay-on-duckdb.js';

export interface DuckDbOptions {
  /** A connection to reuse; by default an in-memory database for the call, closed after it. */
  connection?: DuckDBConnection;
  /** DuckDB's worker threads when it opens its own database (default: one per core). */
  threads?: number;
}

/** `simulate` on DuckDB: the same SimulationReport, field for field, for histories DuckDB reads. */
export async function simulateOnDuckDb(files: readonly HistoryFile[], options: Omit<SimulateOptions, 'onRouteChange'> & DuckDbOptions & Pick<DuckDbReplayOptions, 'onRouteChanges'>): Promise<SimulationReport> {
  const { variants } = simulationVariants(options);
  const replay = { examples: options.examples, ...(options.onRouteChanges === undefined ? {} : { onRouteChanges: options.onRouteChanges }) };
  const state = await withDuckDb(options, (connection) => replayOnDuckDb(connection, files, variants, replay));
  return simulationReport(state, options);
}

/** `sweep` on DuckDB: every point decided in one query, the same SweepReport. */
export async function sweepOnDuckDb(files: readonly HistoryFile[], options: SweepOptions & DuckDbOptions): Promise<SweepReport> {
  const state = await withDuckDb(options, (connection) => replayOnDuckDb(connection, files, sweepVariants(options), { candidateExamples: false }));
  return sweepReport(state, options);
}

/** Runs `work` on the given connection, or on an in-memory database opened for it and closed after. */
export async function withDuckDb<T>(options: DuckDbOptions, work: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
  if (options.connection !== undefined) return work(options.connection);
  const instance = await DuckDBInstance.create(':memory:', options.threads === undefined ? {} : { threads: String(options.threads) });
  const connection = await instance.connect();
  try {
    return await work(connection);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

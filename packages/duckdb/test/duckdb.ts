// DuckDB for the tests.
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';

export async function openDuckDb(): Promise<DuckDBConnection> {
  // One thread: the test suites of every package run at once, and DuckDB's default (a thread a core) would fight them for the cores.
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  return instance.connect();
}


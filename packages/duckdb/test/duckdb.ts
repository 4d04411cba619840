// DuckDB for the tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll } from 'vitest';

export async function openDuckDb(): Promise<DuckDBConnection> {
  // One thread: the test suites of every package run at once, and DuckDB's default (a thread a core) would fight them for the cores.
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  return instance.connect();
}


/** A connection and a scratch directory for a test file: opened before its tests, the directory removed after them. */
export function duckDbWorkspace(prefix: string): { readonly connection: DuckDBConnection; readonly dir: string } {
  const workspace = { connection: undefined as unknown as DuckDBConnection, dir: '' };
  beforeAll(async () => {
    workspace.connection = await openDuckDb();
    workspace.dir = mkdtempSync(join(tmpdir(), prefix));
  });
  afterAll(() => rmSync(workspace.dir, { recursive: true, force: true }));
  return workspace;
}

// One throwaway PostgreSQL cluster for the whole run (or the server that
// OVERSIGHT_TEST_DATABASE_URL names). When it cannot start, setup throws and
// every test fails: a store test that skips would pass without a database.
import type { TestProject } from 'vitest/node';
import { startPostgres } from '../src/testing/index.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A connection string to the cluster's `postgres` database, with rights to create databases. */
    databaseUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const cluster = await startPostgres({ fsync: 'off' });
  project.provide('databaseUrl', cluster.url);
  return () => cluster.stop();
}

// A database of its own for each test file and a schema of its own for each
// store a test opens, so files run in parallel and no test sees another's
// decisions. Stores a test opens are closed after it; the database is dropped
// after the file.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, inject } from 'vitest';
import { PostgresDecisionStore, type PostgresStoreOptions } from '../src/index.js';

export interface TestDatabase {
  /** A connection string for this file's database. */
  readonly url: string;
  /** Opens a store in a fresh schema, or in `options.schema` (for a second replica on the same tables). */
  open(options?: PostgresStoreOptions): Promise<PostgresDecisionStore>;
  /** A plain connection, for what a test inspects or holds; ended after the test. */
  connect(): Promise<pg.Client>;
}

/** A fresh schema name. */
export function newSchema(): string {
  return `s_${randomUUID().replaceAll('-', '')}`;
}

/** Creates this file's database before its tests and drops it after them. */
export function useTestDatabase(): TestDatabase {
  const name = `t_${randomUUID().replaceAll('-', '')}`;
  const admin = inject('databaseUrl');
  const target = new URL(admin);
  target.pathname = `/${name}`;
  const url = target.toString();
  const stores: PostgresDecisionStore[] = [];
  const clients: pg.Client[] = [];

  beforeAll(() => asAdmin(admin, (client) => client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`)));
  afterEach(async () => {
    await Promise.all([...stores.splice(0).map((store) => store.close()), ...clients.splice(0).map((client) => client.end())]);
  });
  afterAll(() => asAdmin(admin, (client) => client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`)));

  return {
    url,
    async open(options = {}) {
      // A small pool: test files run in parallel against one cluster.
      const store = await PostgresDecisionStore.open(url, { schema: newSchema(), ...options, pool: { max: 4, ...options.pool } });
      stores.push(store);
      return store;
    },
    async connect() {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      clients.push(client);
      return client;
    },
  };
}

async function asAdmin(url: string, work: (client: pg.Client) => Promise<unknown>): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}

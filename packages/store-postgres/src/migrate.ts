// The store's tables, created by the store itself on open. Each migration runs
// once, in order, and is recorded in oversight_schema_version; a transaction-
// scoped advisory lock makes replicas that start together take turns (CREATE
// TABLE IF NOT EXISTS alone races on the catalog), and a later release adds a
// step to MIGRATIONS rather than editing one.
import type { PoolClient } from 'pg';
import type { Tables } from './tables.js';

const MIGRATIONS: readonly ((tables: Tables) => string[])[] = [
  ({ log, decisions }) => [
    // `entry` is json, not jsonb: json keeps the text as written, so read()
    // returns each entry exactly as appended (key order, and strings jsonb
    // refuses, such as \u0000 or a lone surrogate in a fact).
    `CREATE TABLE IF NOT EXISTS ${log} (
      seq bigserial PRIMARY KEY,
      decision_id text NOT NULL,
      entry json NOT NULL,
      written_at timestamptz NOT NULL DEFAULT now()
    )`,
    `CREATE INDEX IF NOT EXISTS oversight_log_decision ON ${log} (decision_id, seq)`,
    // The fold of each decision's entries (summarizeDecision); version counts its entries.
    `CREATE TABLE IF NOT EXISTS ${decisions} (
      id text PRIMARY KEY,
      policy text NOT NULL,
      decision_key text,
      open boolean NOT NULL,
      reviewer text,
      deadline timestamptz,
      at timestamptz NOT NULL,
      version integer NOT NULL
    )`,
    `CREATE UNIQUE INDEX IF NOT EXISTS oversight_decisions_key ON ${decisions} (policy, decision_key) WHERE decision_key IS NOT NULL`,
    `CREATE INDEX IF NOT EXISTS oversight_decisions_due ON ${decisions} (deadline) WHERE open`,
    `CREATE INDEX IF NOT EXISTS oversight_decisions_reviewer ON ${decisions} (reviewer) WHERE open`,
    `CREATE INDEX IF NOT EXISTS oversight_decisions_open ON ${decisions} (at, id) WHERE open`,
  ],
];

/** The unique index a second (policy, decisionKey) violates. */
export const DECISION_KEY_INDEX = 'oversight_decisions_key';

const LOCK_NAME = '@oversight/postgres migrate';

/** Brings the tables up to the latest version, inside the caller's transaction. */
export async function migrate(client: PoolClient, tables: Tables): Promise<void> {
  await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [LOCK_NAME]);
  const current = await currentVersion(client, tables);
  if (current > MIGRATIONS.length) {
    throw new Error(
      `the Oversight tables in this database are at schema version ${current}, newer than this @oversight/postgres knows (${MIGRATIONS.length}): upgrade @oversight/postgres on this replica`,
    );
  }
  if (current === MIGRATIONS.length) return;
  if (tables.schema !== undefined) await client.query(`CREATE SCHEMA IF NOT EXISTS ${tables.schema}`);
  await client.query(`CREATE TABLE IF NOT EXISTS ${tables.schemaVersion} (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
  for (let version = current + 1; version <= MIGRATIONS.length; version++) {
    for (const statement of MIGRATIONS[version - 1]!(tables)) await client.query(statement);
    await client.query(`INSERT INTO ${tables.schemaVersion} (version) VALUES ($1)`, [version]);
  }
}

/** The highest migration applied; 0 before the first (no version table yet). */
async function currentVersion(client: PoolClient, tables: Tables): Promise<number> {
  const { rows: found } = await client.query<{ name: string | null }>('SELECT to_regclass($1)::text AS name', [tables.schemaVersion]);
  if (found[0]?.name == null) return 0;
  const { rows } = await client.query<{ version: number | null }>(`SELECT max(version) AS version FROM ${tables.schemaVersion}`);
  return rows[0]?.version ?? 0;
}

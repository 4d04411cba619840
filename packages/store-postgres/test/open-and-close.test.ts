import { describe, expect, it } from 'vitest';
import { PostgresDecisionStore } from '../src/index.js';
import { freePort } from '../src/testing/pg-cluster.js';
import { newSchema, useTestDatabase } from './database.js';
import { recordingGate, refund, AGENT } from './fixtures.js';

const db = useTestDatabase();

describe('open', () => {
  it('creates its tables once: four replicas starting together and a later restart all open, and version 1 is recorded once', async () => {
    const schema = newSchema();
    const replicas = await Promise.all([1, 2, 3, 4].map(() => db.open({ schema })));
    const { gate, recorded } = await recordingGate();
    await gate.propose({ policy: 'support-refunds', facts: refund(120), proposer: AGENT });
    await replicas[0]!.append(recorded.entries());

    const restarted = await db.open({ schema });
    expect(await restarted.entriesOf('d-0001')).toEqual(recorded.entries());
    const client = await db.connect();
    const { rows } = await client.query<{ version: number }>(`SELECT version FROM "${schema}".oversight_schema_version ORDER BY version`);
    expect(rows).toEqual([{ version: 1 }]);
  });

  it('refuses tables a newer release has migrated, rather than write rows it does not understand', async () => {
    const schema = newSchema();
    await db.open({ schema });
    const client = await db.connect();
    await client.query(`INSERT INTO "${schema}".oversight_schema_version (version) VALUES (2)`);
    await expect(db.open({ schema })).rejects.toThrow(/schema version 2, newer than this @oversight\/postgres knows \(1\): upgrade/);
  });

  it('names the host and port it could not reach, and never the password', async () => {
    // A port the system just handed out and took back: nothing listens on it.
    const port = await freePort();
    const opening = PostgresDecisionStore.open(`postgres://oversight:s3cret-Pa55@127.0.0.1:${port}/oversight`);
    await expect(opening).rejects.toThrow(`could not connect to PostgreSQL at 127.0.0.1:${port}/oversight`);
    await expect(opening).rejects.toThrow(/check that the server is running/);
    await expect(opening).rejects.not.toThrow('s3cret-Pa55');
  });

  it('says what to set when the URL is missing (an unset DATABASE_URL)', async () => {
    await expect(PostgresDecisionStore.open(undefined)).rejects.toThrow(/no PostgreSQL URL was given/);
    await expect(PostgresDecisionStore.open('')).rejects.toThrow(/DATABASE_URL/);
  });

  it('refuses a schema name that is not a plain identifier, before any SQL is sent', async () => {
    await expect(PostgresDecisionStore.open(db.url, { schema: 'x"; DROP TABLE oversight_log; --' })).rejects.toThrow(/not a plain identifier/);
  });
});

describe('close', () => {
  it('is idempotent, and every later call rejects saying the store is closed', async () => {
    const store = await db.open();
    await store.close();
    await store.close();
    const closed = /PostgresDecisionStore is closed/;
    await expect(store.append([])).rejects.toThrow(closed);
    await expect(store.entriesOf('d-0001')).rejects.toThrow(closed);
    await expect(store.update('d-0001', () => ({ append: [], result: undefined }))).rejects.toThrow(closed);
    await expect(store.openEntries()).rejects.toThrow(closed);
    await expect(store.sweepDue(new Date(), () => [])).rejects.toThrow(closed);
    await expect(store.idForKey('support-refunds', 'ticket-1')).rejects.toThrow(closed);
    await expect(store.read()[Symbol.asyncIterator]().next()).rejects.toThrow(closed);
  });

  it('waits for a write in flight, which still lands', async () => {
    const schema = newSchema();
    const store = await db.open({ schema });
    const { gate, recorded } = await recordingGate();
    await gate.propose({ policy: 'support-refunds', facts: refund(120), proposer: AGENT });
    const writing = store.append(recorded.entries());
    await store.close();
    await writing;
    expect(await (await db.open({ schema })).entriesOf('d-0001')).toEqual(recorded.entries());
  });
});

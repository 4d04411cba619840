import { DuplicateDecisionKeyError, type LogEntry, type WarnedEvent } from '@oversight/gate';
import { describe, expect, it } from 'vitest';
import type { PostgresDecisionStore } from '../src/index.js';
import { useTestDatabase } from './database.js';
import { AGENT, LEAD, MANAGER, proposalIn, recordingGate, refund, type RecordingStore } from './fixtures.js';

const db = useTestDatabase();

/** A morning of refunds through one gate: auto, approved and claimed, rejected, edited into a riskier rerouted proposal, escalated, expired up the chain. */
async function morningOfRefunds(): Promise<RecordingStore> {
  const { gate, recorded, clock } = await recordingGate();
  await gate.propose({ policy: 'support-refunds', facts: refund(20), proposer: AGENT, decisionKey: 'ticket-1' });
  await gate.propose({ policy: 'support-refunds', facts: refund(120), proposer: AGENT, decisionKey: 'ticket-2' });
  clock.advance(10);
  await gate.answer('d-0002', { decision: 'approve', reviewer: LEAD });
  await gate.claim('d-0002', refund(120));
  await gate.propose({ policy: 'support-refunds', facts: refund(120, { reasonCode: 'not_received' }), proposer: AGENT, decisionKey: 'ticket-3' });
  await gate.answer('d-0003', { decision: 'reject', reviewer: LEAD, reason: 'carrier photo shows the parcel delivered' });
  await gate.propose({ policy: 'support-refunds', facts: refund(120), proposer: AGENT, decisionKey: 'ticket-4' });
  await gate.answer('d-0004', { decision: 'edit', reviewer: LEAD, reason: 'add the shipping cost', editedFacts: refund(640) });
  await gate.answer('d-0005', { decision: 'approve', reviewer: MANAGER });
  await gate.propose({ policy: 'support-refunds', facts: refund(120, { recentClaims: 5 }), proposer: AGENT, decisionKey: 'ticket-6' });
  await gate.propose({ policy: 'support-refunds', facts: refund(90), proposer: AGENT });
  clock.advance(5 * 60);
  await gate.expireDue();
  return recorded;
}

async function replay(store: PostgresDecisionStore, recorded: RecordingStore): Promise<void> {
  for (const batch of recorded.batches) await store.append(batch);
}

async function readAll(store: PostgresDecisionStore): Promise<LogEntry[]> {
  const entries: LogEntry[] = [];
  for await (const entry of store.read()) entries.push(entry);
  return entries;
}

describe('append and read', () => {
  it('reads back every entry in the order appended, each exactly as the gate wrote it (same keys, same key order)', async () => {
    const recorded = await morningOfRefunds();
    const store = await db.open();
    await replay(store, recorded);
    const read = await readAll(store);
    expect(read).toEqual(recorded.entries());
    expect(read.map((entry) => JSON.stringify(entry))).toEqual(recorded.lines);
  });

  it('keeps facts jsonb would refuse or reorder: a NUL, a lone surrogate, keys out of order, large and small numbers', async () => {
    const { gate, recorded } = await recordingGate();
    await gate.propose({ policy: 'support-refunds', facts: refund(120), proposer: AGENT });
    const proposal = proposalIn(recorded.entries());
    const hostile = { ...proposal, facts: { zeta: 'a\u0000b', alpha: '\ud800 and 😀', huge: 1e21, tiny: 5e-324, nested: { b: [1, { y: null, x: true }], a: '' } } };
    const store = await db.open();
    await store.append([hostile]);
    const [read] = await readAll(store);
    expect(read).toEqual(hostile);
    expect(JSON.stringify(read)).toBe(JSON.stringify(hostile));
  });

  it('streams a log longer than a page (5,000 rows) whole and in order', async () => {
    const { gate, recorded } = await recordingGate();
    await gate.propose({ policy: 'support-refunds', facts: refund(120), proposer: AGENT });
    const proposal = proposalIn(recorded.entries());
    const warnings: WarnedEvent[] = Array.from({ length: 12_001 }, (_, i) => ({ event: 'warned', decisionId: proposal.decisionId, at: proposal.at, deadline: new Date(Date.parse(proposal.at) + i * 1_000).toISOString() }));
    const store = await db.open();
    await store.append([proposal, ...warnings]);
    const read = await readAll(store);
    expect(read).toHaveLength(12_002);
    expect(read).toEqual([proposal, ...warnings]);
  });

  it('gives one decision’s entries, a rerouted proposal its own, and [] for an unknown id', async () => {
    const recorded = await morningOfRefunds();
    const store = await db.open();
    await replay(store, recorded);
    const of = (id: string) => recorded.entries().filter((entry) => entry.decisionId === id);
    expect(await store.entriesOf('d-0002')).toEqual(of('d-0002'));
    expect((await store.entriesOf('d-0002')).map((entry) => ('event' in entry ? entry.event : 'record'))).toEqual(['proposed', 'record', 'executed']);
    expect(await store.entriesOf('d-0005')).toEqual(of('d-0005'));
    expect(await store.entriesOf('d-0404')).toEqual([]);
  });

  it('finds a decision by its policy and decisionKey; the rerouted proposal does not take the key of the one it came from', async () => {
    const recorded = await morningOfRefunds();
    const store = await db.open();
    await replay(store, recorded);
    expect(await store.idForKey('support-refunds', 'ticket-4')).toBe('d-0004');
    expect(await store.idForKey('support-refunds', 'ticket-6')).toBe('d-0006');
    expect(await store.idForKey('support-refunds', 'ticket-404')).toBeUndefined();
    expect(await store.idForKey('crm-updates', 'ticket-4')).toBeUndefined();
  });

  it('refuses a second proposal of a policy’s decisionKey from another replica with DuplicateDecisionKeyError, and writes nothing of that append', async () => {
    const replicaA = await recordingGate('a');
    const replicaB = await recordingGate('b');
    await replicaA.gate.propose({ policy: 'support-refunds', facts: refund(120), proposer: AGENT, decisionKey: 'ticket-42' });
    await replicaB.gate.propose({ policy: 'support-refunds', facts: refund(300), proposer: AGENT });
    await replicaB.gate.propose({ policy: 'support-refunds', facts: refund(120), proposer: AGENT, decisionKey: 'ticket-42' });
    const store = await db.open();
    await store.append(replicaA.recorded.entries());

    const refused = store.append(replicaB.recorded.entries());
    await expect(refused).rejects.toBeInstanceOf(DuplicateDecisionKeyError);
    await expect(refused).rejects.toMatchObject({ policy: 'support-refunds', decisionKey: 'ticket-42' });
    expect(await store.entriesOf('b-0001')).toEqual([]);
    expect(await store.entriesOf('b-0002')).toEqual([]);
    expect(await readAll(store)).toEqual(replicaA.recorded.entries());
    expect(await store.idForKey('support-refunds', 'ticket-42')).toBe('a-0001');
    expect(await store.openEntries()).toEqual([replicaA.recorded.entries()]);
  });

  it('keeps entries that name no proposal in the log without indexing them, as a file would', async () => {
    const store = await db.open();
    const stray: LogEntry = { event: 'approval', decisionId: 'd-0999', at: '2026-12-02T09:00:00.000Z', reviewer: LEAD };
    await store.append([stray]);
    expect(await readAll(store)).toEqual([stray]);
    expect(await store.openEntries()).toEqual([]);
  });
});

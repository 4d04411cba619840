import type { LogEntry } from '@oversight/gate';
import { describe, expect, it } from 'vitest';
import { newSchema, useTestDatabase } from './database.js';
import { AGENT, recordingGate, refund, type RecordingStore } from './fixtures.js';

const db = useTestDatabase();

const DUE = 30;

/**
 * 30 refunds waiting on a support lead (4h SLA) and one on a manager (1d),
 * proposed a minute apart from 09:00; at 14:31 the gate's own sweep escalates the 30 to
 * support-manager. Returns the proposals and, by decision, the escalation.
 */
async function dueRefunds(): Promise<{ proposed: LogEntry[]; escalation: Map<string, LogEntry>; now: Date }> {
  const { gate, recorded, clock } = await recordingGate();
  for (let i = 0; i < DUE; i++) {
    await gate.propose({ policy: 'support-refunds', facts: refund(100 + i), proposer: AGENT });
    clock.advance(1);
  }
  await gate.propose({ policy: 'support-refunds', facts: refund(800), proposer: AGENT });
  const proposed = recorded.entries();
  clock.advance(5 * 60);
  await gate.expireDue();
  return { proposed, escalation: escalationsAfter(recorded, proposed.length), now: clock.now() };
}

function escalationsAfter(recorded: RecordingStore, from: number): Map<string, LogEntry> {
  return new Map(recorded.entries().slice(from).map((entry) => [entry.decisionId, entry]));
}

describe('sweepDue', () => {
  it('never hands one due decision to two replicas sweeping at once: each is escalated exactly once, and the one not due is left alone', async () => {
    const schema = newSchema();
    const [replicaA, replicaB] = await Promise.all([db.open({ schema }), db.open({ schema })]);
    const { proposed, escalation, now } = await dueRefunds();
    expect(escalation.size).toBe(DUE);
    await replicaA.append(proposed);

    const handed: string[] = [];
    const work = (entries: readonly LogEntry[]): LogEntry[] => {
      const id = entries[0]!.decisionId;
      handed.push(id);
      return [escalation.get(id)!];
    };
    const sweepUntilDone = async (store: typeof replicaA): Promise<LogEntry[]> => {
      const appended: LogEntry[] = [];
      for (let batch = await store.sweepDue(now, work, 4); batch.length > 0; batch = await store.sweepDue(now, work, 4)) appended.push(...batch);
      return appended;
    };
    const [byA, byB] = await Promise.all([sweepUntilDone(replicaA), sweepUntilDone(replicaB)]);

    expect([...handed].sort()).toEqual([...escalation.keys()].sort());
    expect([...byA, ...byB].map((entry) => entry.decisionId).sort()).toEqual([...escalation.keys()].sort());
    for (const [id, escalated] of escalation) {
      expect(await replicaB.entriesOf(id)).toEqual([...proposed.filter((entry) => entry.decisionId === id), escalated]);
    }
    expect(await replicaA.sweepDue(now, work)).toEqual([]);
    expect(await replicaA.openEntries({ reviewers: ['support-manager'] })).toHaveLength(DUE + 1);
  });

  it('skips a due decision another gate holds locked rather than wait for it, and takes it once released', async () => {
    const { proposed, escalation, now } = await dueRefunds();
    const schema = newSchema();
    const store = await db.open({ schema });
    await store.append(proposed);
    const other = await db.connect();
    await other.query('BEGIN');
    await other.query(`SELECT id FROM "${schema}".oversight_decisions WHERE id = $1 FOR UPDATE`, ['d-0001']);

    const first = await store.sweepDue(now, (entries) => [escalation.get(entries[0]!.decisionId)!]);
    expect(first.map((entry) => entry.decisionId)).not.toContain('d-0001');
    expect(first).toHaveLength(DUE - 1);

    await other.query('COMMIT');
    const second = await store.sweepDue(now, (entries) => [escalation.get(entries[0]!.decisionId)!]);
    expect(second).toEqual([escalation.get('d-0001')]);
  });

  it('takes at most `limit`, earliest deadline first, and rolls the whole sweep back when work throws', async () => {
    const { proposed, escalation, now } = await dueRefunds();
    const store = await db.open();
    await store.append(proposed);

    const thrown = new Error('policy no longer enforced');
    await expect(
      store.sweepDue(now, (entries) => {
        if (entries[0]!.decisionId === 'd-0003') throw thrown;
        return [escalation.get(entries[0]!.decisionId)!];
      }),
    ).rejects.toBe(thrown);
    expect(await store.entriesOf('d-0001')).toEqual(proposed.filter((entry) => entry.decisionId === 'd-0001'));

    const swept = await store.sweepDue(now, (entries) => [escalation.get(entries[0]!.decisionId)!], 5);
    expect(swept.map((entry) => entry.decisionId)).toEqual(['d-0001', 'd-0002', 'd-0003', 'd-0004', 'd-0005']);
  });
});

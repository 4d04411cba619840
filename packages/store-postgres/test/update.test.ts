import { DuplicateDecisionKeyError, summarizeDecision, type LogEntry, type StoreChange } from '@oversight/gate';
import { describe, expect, it } from 'vitest';
import { newSchema, useTestDatabase } from './database.js';
import { AGENT, LEAD, recordingGate, refund } from './fixtures.js';

const db = useTestDatabase();

class AlreadySettled extends Error {}

/** What a gate's answer does under the lock: refuses a decision that is no longer open, else appends the answer. */
function answerWith(answer: readonly LogEntry[]) {
  return (entries: readonly LogEntry[]): StoreChange<string> => {
    const summary = summarizeDecision(entries);
    if (summary === undefined) throw new Error('not found');
    if (!summary.open) throw new AlreadySettled(`decision ${summary.id} is already settled`);
    return { append: answer, result: 'approved' };
  };
}

/** A pending refund proposed (the store's entries) and the record its approval writes (what an answer appends). */
async function pendingRefund(): Promise<{ proposed: LogEntry[]; approval: LogEntry[] }> {
  const { gate, recorded } = await recordingGate();
  await gate.propose({ policy: 'support-refunds', facts: refund(120), proposer: AGENT, decisionKey: 'ticket-7' });
  const proposed = recorded.last();
  await gate.answer('d-0001', { decision: 'approve', reviewer: LEAD });
  return { proposed, approval: recorded.last() };
}

describe('update', () => {
  it('lets exactly one of 50 concurrent answers from two replicas settle a decision; the other 49 see it settled', async () => {
    const schema = newSchema();
    const [replicaA, replicaB] = await Promise.all([db.open({ schema, pool: { max: 10 } }), db.open({ schema, pool: { max: 10 } })]);
    const { proposed, approval } = await pendingRefund();
    await replicaA.append(proposed);

    const answers = await Promise.allSettled(Array.from({ length: 50 }, (_, i) => (i % 2 === 0 ? replicaA : replicaB).update('d-0001', answerWith(approval))));

    expect(answers.filter((answer) => answer.status === 'fulfilled')).toEqual([{ status: 'fulfilled', value: 'approved' }]);
    const refusals = answers.filter((answer) => answer.status === 'rejected');
    expect(refusals).toHaveLength(49);
    for (const refusal of refusals) expect(refusal.reason).toBeInstanceOf(AlreadySettled);
    expect(await replicaB.entriesOf('d-0001')).toEqual([...proposed, ...approval]);
    expect(await replicaA.openEntries()).toEqual([]);
  });

  it('rolls back and rejects with the very error work throws, and releases the lock for the next change', async () => {
    const store = await db.open();
    const { proposed, approval } = await pendingRefund();
    await store.append(proposed);
    const thrown = new Error('the reviewer is not allowed to answer this');

    await expect(
      store.update('d-0001', () => {
        throw thrown;
      }),
    ).rejects.toBe(thrown);

    expect(await store.entriesOf('d-0001')).toEqual(proposed);
    expect(await store.update('d-0001', answerWith(approval))).toBe('approved');
    expect(await store.entriesOf('d-0001')).toEqual([...proposed, ...approval]);
  });

  it('indexes a new decision that work appends beside the one it changes (an edit routed into a new proposal)', async () => {
    const { gate, recorded } = await recordingGate();
    await gate.propose({ policy: 'support-refunds', facts: refund(120), proposer: AGENT, decisionKey: 'ticket-8' });
    const proposed = recorded.last();
    await gate.answer('d-0001', { decision: 'edit', reviewer: LEAD, reason: 'add the shipping cost', editedFacts: refund(640) });
    const edit = recorded.last();
    expect(new Set(edit.map((entry) => entry.decisionId))).toEqual(new Set(['d-0001', 'd-0002']));
    const store = await db.open();
    await store.append(proposed);

    await store.update('d-0001', () => ({ append: edit, result: undefined }));

    const open = await store.openEntries();
    expect(open).toEqual([edit.filter((entry) => entry.decisionId === 'd-0002')]);
    expect(await store.openEntries({ reviewers: ['support-manager'] })).toEqual(open);
  });

  it('writes none of work’s entries when one of them is refused (a duplicate decisionKey in the new decision)', async () => {
    const { proposed, approval } = await pendingRefund();
    const other = await recordingGate('b');
    await other.gate.propose({ policy: 'support-refunds', facts: refund(150), proposer: AGENT, decisionKey: 'ticket-7' });
    const store = await db.open();
    await store.append(proposed);

    await expect(store.update('d-0001', () => ({ append: [...approval, ...other.recorded.last()], result: undefined }))).rejects.toBeInstanceOf(DuplicateDecisionKeyError);

    expect(await store.entriesOf('d-0001')).toEqual(proposed);
    expect(await store.entriesOf('b-0001')).toEqual([]);
  });

  it('hands work [] for a decision the store has never seen, so the gate can say it is not found', async () => {
    const store = await db.open();
    let seen: readonly LogEntry[] | undefined;
    await expect(
      store.update('d-0404', (entries) => {
        seen = entries;
        throw new Error('decision d-0404 not found');
      }),
    ).rejects.toThrow('decision d-0404 not found');
    expect(seen).toEqual([]);
  });
});

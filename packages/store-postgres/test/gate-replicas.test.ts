// The acceptance of a shared store: two gates, each with a pool of its own (two
// replicas), on one PostgreSQL. What one proposes the other answers; of two
// reviewers answering at once one lands and the other is refused; an overdue
// proposal moves on once however many replicas sweep.
import { describe, expect, it } from 'vitest';
import { createGate, type Gate } from '@oversight/gate';
import { outcome } from 'oversight-test-fixtures';
import { useTestDatabase, newSchema } from './database.js';
import { AGENT, Clock, LEAD, MANAGER, REFUNDS, refund } from './fixtures.js';

const database = useTestDatabase();
const LEAD_2 = { id: 'bo@example.com', role: 'support-lead' };

async function replicas(count: number, clock = new Clock()): Promise<Gate[]> {
  const schema = newSchema();
  return Promise.all(Array.from({ length: count }, async () => createGate({ policies: [REFUNDS], store: await database.open({ schema }), clock: clock.now })));
}

describe('two gates on one PostgreSQL', () => {
  it('answers on one replica a proposal made on the other, and runs it once', async () => {
    const [a, b] = (await replicas(2)) as [Gate, Gate];
    const { proposal } = await a.propose({ policy: 'support-refunds', facts: refund(120), proposer: AGENT });
    expect((await b.pending({ role: 'support-lead' })).map((view) => view.proposal.id)).toEqual([proposal.id]);
    expect((await b.answer(proposal.id, { decision: 'approve', reviewer: LEAD })).effect).toBe('run');
    expect(await a.pending()).toEqual([]);
    const claims = await Promise.all([a.claim(proposal.id, refund(120)), b.claim(proposal.id, refund(120))]);
    expect(claims.filter((claim) => claim.ok)).toHaveLength(1);
  });

  it('gives 50 concurrent double answers exactly 50 successes and 50 conflicts', async () => {
    const [a, b] = (await replicas(2)) as [Gate, Gate];
    const ids: string[] = [];
    for (let n = 0; n < 50; n++) ids.push((await a.propose({ policy: 'support-refunds', facts: refund(100 + n), proposer: AGENT })).proposal.id);
    const results = await Promise.all(
      ids.flatMap((id) => [outcome(a.answer(id, { decision: 'approve', reviewer: LEAD })), outcome(b.answer(id, { decision: 'reject', reviewer: LEAD_2, reason: 'a duplicate order' }))]),
    );
    expect(results.filter((result) => result === 'ok')).toHaveLength(50);
    expect(results.filter((result) => result === 'settled')).toHaveLength(50);
    const settled = await Promise.all(ids.map(async (id) => (await a.load(id))?.proposal.status));
    expect(settled.every((status) => status === 'approved' || status === 'rejected')).toBe(true);
  });

  it('moves each overdue proposal on once, however many replicas sweep at once', async () => {
    const clock = new Clock();
    const gates = await replicas(3, clock);
    for (let n = 0; n < 40; n++) await gates[n % 3]!.propose({ policy: 'support-refunds', facts: refund(100 + n), proposer: AGENT });
    clock.advance(5 * 60);
    const swept = (await Promise.all(gates.map((gate) => gate.expireDue()))).flat();
    expect(swept).toHaveLength(40);
    expect(new Set(swept.map((view) => view.proposal.id)).size).toBe(40);
    // support-refunds escalates an unanswered review: every one now waits on a manager, escalated once.
    const pending = await gates[0]!.pending({ role: MANAGER.role });
    expect(pending).toHaveLength(40);
    expect(pending.every((view) => view.proposal.escalations.length === 1 && view.proposal.reviewer === MANAGER.role)).toBe(true);
  });
});

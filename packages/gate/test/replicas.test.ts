// Several gates (replicas behind a load balancer) on one shared store: what
// one proposes another answers, one answer of two lands, nothing expires or
// runs twice, and a decisionKey names one decision across replicas.
import { describe, expect, it } from 'vitest';
import { outcome } from 'oversight-test-fixtures';
import { createGate, MemorySharedDecisionStore, type Gate } from '../src/index.js';
import { AGENT, FakeClock, LEAD, LEAD_2, policy, refund, sequentialIds, SUPPORT_REFUNDS } from './fixtures.js';

const refunds = policy(SUPPORT_REFUNDS);

async function replicas(count: number): Promise<{ gates: Gate[]; store: MemorySharedDecisionStore; clock: FakeClock }> {
  const store = new MemorySharedDecisionStore();
  const clock = new FakeClock();
  const gates = await Promise.all(Array.from({ length: count }, (_, n) => createGate({ policies: [refunds], store, clock: clock.now, newId: sequentialIds(`r${n}`) })));
  return { gates, store, clock };
}

describe('gates sharing one store', () => {
  it('answers on one replica what another proposed, and lists it as pending on every replica until then', async () => {
    const { gates } = await replicas(2);
    const [a, b] = gates as [Gate, Gate];
    const { proposal } = await a.propose({ policy: 'support-refunds', facts: refund(120), proposer: AGENT });
    expect((await b.pending({ role: 'support-lead' })).map((view) => view.proposal.id)).toEqual([proposal.id]);
    expect((await b.answer(proposal.id, { decision: 'approve', reviewer: LEAD })).effect).toBe('run');
    expect(await a.pending()).toEqual([]);
    expect((await a.load(proposal.id))?.proposal.status).toBe('approved');
    expect(await a.claim(proposal.id, refund(120))).toMatchObject({ ok: true });
    expect(await b.claim(proposal.id, refund(120))).toMatchObject({ ok: false, code: 'already-executed' });
  });

  it('lets one of two reviewers answering the same proposal on two replicas at once succeed, and refuses the other', async () => {
    const { gates, store } = await replicas(2);
    const [a, b] = gates as [Gate, Gate];
    const ids: string[] = [];
    for (let n = 0; n < 50; n++) ids.push((await a.propose({ policy: 'support-refunds', facts: refund(100 + n), proposer: AGENT })).proposal.id);
    const results = await Promise.all(
      ids.flatMap((id) => [outcome(a.answer(id, { decision: 'approve', reviewer: LEAD })), outcome(b.answer(id, { decision: 'reject', reviewer: LEAD_2, reason: 'duplicate order' }))]),
    );
    expect(results.filter((result) => result === 'ok')).toHaveLength(50);
    expect(results.filter((result) => result === 'settled')).toHaveLength(50);
    const settled = store.lines.map((line) => JSON.parse(line) as { event?: string; decisionId: string }).filter((entry) => entry.event === undefined);
    expect(new Set(settled.map((entry) => entry.decisionId)).size).toBe(50);
    expect(settled).toHaveLength(50);
  });

  it('expires each overdue proposal once, however many replicas sweep at once', async () => {
    const { gates, store, clock } = await replicas(3);
    for (let n = 0; n < 30; n++) await gates[n % 3]!.propose({ policy: 'support-refunds', facts: refund(100 + n), proposer: AGENT });
    clock.advance('5h');
    const swept = await Promise.all(gates.map((gate) => gate.expireDue()));
    expect(swept.flat()).toHaveLength(30);
    // support-refunds escalates on timeout: each proposal moves up once, to a fresh deadline.
    const timeouts = store.lines.map((line) => JSON.parse(line) as { event?: string; cause?: string; decisionId: string }).filter((entry) => entry.event === 'escalated' && entry.cause === 'timeout');
    expect(new Set(timeouts.map((entry) => entry.decisionId)).size).toBe(30);
    expect(timeouts).toHaveLength(30);
    expect((await gates[0]!.pending({ role: 'support-manager' })).length).toBe(30);
  });

  it('gives a retried propose the decision another replica made for its decisionKey', async () => {
    const { gates } = await replicas(2);
    const [a, b] = gates as [Gate, Gate];
    const [first, second] = await Promise.all([
      a.propose({ policy: 'support-refunds', facts: refund(120), proposer: AGENT, decisionKey: 'ticket-8812' }),
      b.propose({ policy: 'support-refunds', facts: refund(120), proposer: AGENT, decisionKey: 'ticket-8812' }),
    ]);
    expect(second.proposal.id).toBe(first.proposal.id);
    await expect(b.propose({ policy: 'support-refunds', facts: refund(500), proposer: AGENT, decisionKey: 'ticket-8812' })).rejects.toThrow(/other facts/);
  });
});

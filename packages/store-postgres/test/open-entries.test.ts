import { describe, expect, it } from 'vitest';
import { useTestDatabase } from './database.js';
import { AGENT, Clock, LEAD, recordingGate, refund } from './fixtures.js';

const db = useTestDatabase();

describe('openEntries', () => {
  it('gives the entries of each open decision, oldest first, across replicas; settled decisions are left out', async () => {
    const clock = new Clock();
    // Replica b proposes first, replica a a minute later: age, not id, orders them.
    const b = await recordingGate('b', clock);
    const a = await recordingGate('a', clock);
    await b.gate.propose({ policy: 'support-refunds', facts: refund(120), proposer: AGENT });
    clock.advance(1);
    await a.gate.propose({ policy: 'support-refunds', facts: refund(800), proposer: AGENT });
    await a.gate.propose({ policy: 'support-refunds', facts: refund(20), proposer: AGENT });
    await a.gate.propose({ policy: 'support-refunds', facts: refund(130), proposer: AGENT });
    clock.advance(1);
    await a.gate.answer('a-0003', { decision: 'approve', reviewer: LEAD });
    const store = await db.open();
    await store.append(b.recorded.entries());
    await store.append(a.recorded.entries());

    const open = await store.openEntries();

    expect(open.map((entries) => entries[0]?.decisionId)).toEqual(['b-0001', 'a-0001']);
    expect(open[1]).toEqual(a.recorded.entries().filter((entry) => entry.decisionId === 'a-0001'));
  });

  it('keeps only decisions now waiting on one of the given roles, following an escalation', async () => {
    const { gate, recorded } = await recordingGate();
    await gate.propose({ policy: 'support-refunds', facts: refund(120), proposer: AGENT });
    await gate.propose({ policy: 'support-refunds', facts: refund(800), proposer: AGENT });
    await gate.propose({ policy: 'support-refunds', facts: refund(120, { recentClaims: 5 }), proposer: AGENT });
    await gate.propose({ policy: 'support-refunds', facts: refund(125), proposer: AGENT });
    await gate.answer('d-0004', { decision: 'escalate', reviewer: LEAD, reason: 'reseller account: not my call' });
    const store = await db.open();
    await store.append(recorded.entries());
    const idsFor = async (reviewers: string[]) => (await store.openEntries({ reviewers })).map((entries) => entries[0]?.decisionId);

    expect(await idsFor(['support-lead'])).toEqual(['d-0001']);
    expect(await idsFor(['support-manager'])).toEqual(['d-0002', 'd-0004']);
    expect(await idsFor(['support-lead', 'fraud-analyst'])).toEqual(['d-0001', 'd-0003']);
    expect(await idsFor(['finance-controller'])).toEqual([]);
    expect(await idsFor([])).toEqual([]);
    expect(await store.openEntries()).toHaveLength(4);
  });

  it('keeps only decisions whose deadline falls by the given time, for the due-soon sweep', async () => {
    const clock = new Clock();
    const { gate, recorded } = await recordingGate('d', clock);
    await gate.propose({ policy: 'support-refunds', facts: refund(120), proposer: AGENT }); // a lead's 4 h SLA
    await gate.propose({ policy: 'support-refunds', facts: refund(800), proposer: AGENT }); // a manager's 1 d SLA
    const store = await db.open();
    await store.append(recorded.entries());
    const idsBy = async (hours: number) => (await store.openEntries({ deadlineBy: new Date(clock.now().getTime() + hours * 3_600_000) })).map((entries) => entries[0]?.decisionId);

    expect(await idsBy(3)).toEqual([]);
    expect(await idsBy(4)).toEqual(['d-0001']);
    expect(await idsBy(24)).toEqual(['d-0001', 'd-0002']);
    expect(await store.openEntries({ reviewers: ['support-manager'], deadlineBy: new Date(clock.now().getTime() + 24 * 3_600_000) })).toHaveLength(1);
  });
});

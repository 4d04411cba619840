import { describe, expect, it } from 'vitest';
import { createGate, factsHash, GateError, MemoryDecisionStore, MemorySharedDecisionStore, type Gate, type GateEvent, type LogEntry, type SettledRecord } from '../src/index.js';
import { AGENT, CRM_UPDATES, FakeClock, gateFor, LEAD, LEAD_2, MANAGER, MANAGER_2, MANAGER_3, newStore, policy, refund, sequentialIds, SUPPORT_REFUNDS } from './fixtures.js';

const refunds = policy(SUPPORT_REFUNDS);

async function refused(promise: Promise<unknown>): Promise<GateError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof GateError)) throw new Error(`expected a GateError, got ${String(error)}`);
  return error;
}

function logOf(store: MemoryDecisionStore): LogEntry[] {
  return store.lines.map((line) => JSON.parse(line) as LogEntry);
}

describe('propose', () => {
  it('runs a small confident refund now, logs it as a settled history record and lets the service act on exactly those facts', async () => {
    const { gate, store } = await gateFor([refunds]);
    const view = await gate.propose({ policy: 'support-refunds', facts: refund(30), proposer: AGENT });
    expect(view.effect).toBe('run');
    expect(view.proposal.status).toBe('ran');
    expect(view.decision?.matched.map((rule) => rule.id)).toEqual(['small-confident-refund']);
    expect(logOf(store as MemoryDecisionStore)).toMatchObject([{ decisionId: 'd-0001', route: 'auto', rules: ['small-confident-refund'], facts: refund(30) }]);
    expect(gate.authorize('d-0001', refund(30))).toMatchObject({ ok: true });
    expect(gate.authorize('d-0001', refund(31))).toMatchObject({ ok: false, code: 'facts-differ' });
  });

  it('holds a refund above the automatic limit for the support lead, with the packet, deadline and approvals it needs', async () => {
    const { gate } = await gateFor([refunds]);
    const view = await gate.propose({ policy: 'support-refunds', facts: refund(120), proposer: AGENT, decisionKey: 'ticket-8812' });
    expect(view.effect).toBe('wait');
    expect(view.runFacts).toBeUndefined();
    expect(view.proposal).toMatchObject({ status: 'pending', route: 'approve_before', reviewer: 'support-lead', deadline: '2026-12-02T13:00:00.000Z', approvalsRequired: 1, decisionKey: 'ticket-8812' });
    expect(view.proposal.packet?.why.join('\n')).toContain('amount 120 > autoRefundMax 50');
    expect(gate.authorize('d-0001', refund(120))).toMatchObject({ ok: false, code: 'not-runnable' });
  });

  it('never runs a denied action, and logs it', async () => {
    const { gate, store } = await gateFor([refunds]);
    const view = await gate.propose({ policy: 'support-refunds', facts: refund(80, { refundToOriginalMethod: false }), proposer: AGENT });
    expect(view.effect).toBe('never');
    expect(logOf(store as MemoryDecisionStore)[0]).toMatchObject({ route: 'deny', rules: ['refund-to-other-account', 'refund-needs-approval'] });
    expect(gate.authorize(view.proposal.id, refund(80, { refundToOriginalMethod: false }))).toMatchObject({ ok: false, code: 'not-runnable' });
  });

  it('gives a retried proposal (same decisionKey, same facts) the decision it made, and refuses the key for other facts', async () => {
    const { gate, store } = await gateFor([refunds]);
    const first = await gate.propose({ policy: 'support-refunds', facts: refund(120), proposer: AGENT, decisionKey: 'ticket-77' });
    const retried = await gate.propose({ policy: 'support-refunds', facts: refund(120), proposer: AGENT, decisionKey: 'ticket-77' });
    expect(retried.proposal.id).toBe(first.proposal.id);
    expect((store as MemoryDecisionStore).lines).toHaveLength(1);
    const error = await refused(gate.propose({ policy: 'support-refunds', facts: refund(900), proposer: AGENT, decisionKey: 'ticket-77' }));
    expect(error.message).toContain("decisionKey 'ticket-77' was proposed as decision d-0001 with other facts");
    // After a restart the key still names the same decision.
    const restarted = await createGate({ policies: [refunds], store, newId: sequentialIds('r') });
    expect((await restarted.propose({ policy: 'support-refunds', facts: refund(120), proposer: AGENT, decisionKey: 'ticket-77' })).proposal.id).toBe('d-0001');
  });

  it('refuses a policy it does not enforce, facts that are not an object and a proposal with no proposer', async () => {
    const { gate } = await gateFor([refunds]);
    expect((await refused(gate.propose({ policy: 'support-refund', facts: refund(30), proposer: AGENT }))).code).toBe('unknown-policy');
    expect((await refused(gate.propose({ policy: 'support-refunds', facts: [] as unknown as Record<string, unknown>, proposer: AGENT }))).code).toBe('invalid-input');
    expect((await refused(gate.propose({ policy: 'support-refunds', facts: refund(30), proposer: { id: '' } }))).message).toContain('proposer');
  });

  it('refuses to enforce a policy with no spec.reviewer: a held decision must name who answers it', async () => {
    const unowned = policy(SUPPORT_REFUNDS, ['  reviewer: support-lead     # owns', '  # owns']);
    await expect(createGate({ policies: [unowned], store: newStore() })).rejects.toThrow(/no spec\.reviewer/);
  });
});

describe('answer: approve and reject', () => {
  it('approves: the action may run with the approved facts, and the log settles it as a v1 record naming role, person and turnaround', async () => {
    const { gate, store, clock } = await gateFor([refunds]);
    await gate.propose({ policy: 'support-refunds', facts: refund(120), proposer: AGENT });
    clock.advance('21m');
    const result = await gate.answer('d-0001', { decision: 'approve', reviewer: LEAD });
    expect(result.effect).toBe('run');
    expect(result.runFacts).toEqual(refund(120));
    expect(gate.authorize('d-0001', refund(120))).toEqual({ ok: true, facts: refund(120), factsHash: factsHash(refund(120)) });
    expect(logOf(store as MemoryDecisionStore)[1]).toMatchObject({
      decisionId: 'd-0001',
      route: 'approve_before',
      outcome: { decision: 'approved', reviewer: 'support-lead', reviewerId: LEAD.id, turnaroundSeconds: 1260, factsHash: factsHash(refund(120)) },
      settledAt: '2026-12-02T09:21:00.000Z',
    });
  });

  it('refuses an approval when the facts the service is about to act on differ from those approved', async () => {
    const { gate } = await gateFor([refunds]);
    await gate.propose({ policy: 'support-refunds', facts: refund(120), proposer: AGENT });
    await gate.answer('d-0001', { decision: 'approve', reviewer: LEAD });
    const stale = gate.authorize('d-0001', refund(1200));
    expect(stale).toMatchObject({ ok: false, code: 'facts-differ' });
    // Key order does not matter: the hash is of canonical facts.
    const reordered = Object.fromEntries(Object.entries(refund(120)).reverse());
    expect(gate.authorize('d-0001', reordered)).toMatchObject({ ok: true });
  });

  it('rejects only with a reason, and the action never runs', async () => {
    const { gate, store } = await gateFor([refunds]);
    await gate.propose({ policy: 'support-refunds', facts: refund(120), proposer: AGENT });
    expect((await refused(gate.answer('d-0001', { decision: 'reject', reviewer: LEAD, reason: '  ' }))).code).toBe('reason-required');
    const result = await gate.answer('d-0001', { decision: 'reject', reviewer: LEAD, reason: 'the order was delivered: carrier photo on file' });
    expect(result.effect).toBe('never');
    expect(logOf(store as MemoryDecisionStore)[1]).toMatchObject({ outcome: { decision: 'rejected', reason: 'the order was delivered: carrier photo on file', reviewer: 'support-lead' } });
  });

  it('refuses a second answer to a settled decision, so nothing runs twice', async () => {
    const { gate } = await gateFor([refunds]);
    await gate.propose({ policy: 'support-refunds', facts: refund(120), proposer: AGENT });
    await gate.answer('d-0001', { decision: 'approve', reviewer: LEAD });
    const error = await refused(gate.answer('d-0001', { decision: 'approve', reviewer: LEAD_2 }));
    expect(error.code).toBe('settled');
    expect(error.message).toContain(`already settled (approved by ${LEAD.id}`);
  });

  it('refuses two answers racing for the same decision: exactly one lands', async () => {
    const { gate, store } = await gateFor([refunds]);
    await gate.propose({ policy: 'support-refunds', facts: refund(120), proposer: AGENT });
    const results = await Promise.allSettled([gate.answer('d-0001', { decision: 'approve', reviewer: LEAD }), gate.answer('d-0001', { decision: 'reject', reviewer: LEAD_2, reason: 'duplicate claim' })]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    expect((store as MemoryDecisionStore).lines).toHaveLength(2);
  });

  it('refuses the proposer approving its own action, and a role the decision does not wait for', async () => {
    const { gate } = await gateFor([refunds]);
    await gate.propose({ policy: 'support-refunds', facts: refund(120), proposer: { id: LEAD.id, kind: 'person' } });
    expect((await refused(gate.answer('d-0001', { decision: 'approve', reviewer: LEAD }))).code).toBe('self-approval');
    const wrongRole = await refused(gate.answer('d-0001', { decision: 'approve', reviewer: { id: 'fay@example.com', role: 'fraud-analyst' } }));
    expect(wrongRole.code).toBe('wrong-role');
    expect(wrongRole.message).toContain('waits for support-lead or support-manager or finance-controller');
    // A role higher in the chain may answer for the one below.
    expect((await gate.answer('d-0001', { decision: 'approve', reviewer: MANAGER })).effect).toBe('run');
  });
});

describe('answer: M-of-N approvals', () => {
  const twoManagers = policy(SUPPORT_REFUNDS, ['      reviewer: support-manager\n', '      reviewer: support-manager\n      approvals: 2\n']);

  it('needs two different managers for a large refund; the same person never counts twice', async () => {
    const { gate, store } = await gateFor([twoManagers]);
    const view = await gate.propose({ policy: 'support-refunds', facts: refund(900), proposer: AGENT });
    expect(view.proposal).toMatchObject({ reviewer: 'support-manager', approvalsRequired: 2 });
    const first = await gate.answer('d-0001', { decision: 'approve', reviewer: MANAGER });
    expect(first.effect).toBe('wait');
    expect(gate.authorize('d-0001', refund(900))).toMatchObject({ ok: false, message: expect.stringContaining('1 of 2 approvals') as unknown });
    expect((await refused(gate.answer('d-0001', { decision: 'approve', reviewer: MANAGER }))).code).toBe('duplicate-approver');
    const second = await gate.answer('d-0001', { decision: 'approve', reviewer: MANAGER_2 });
    expect(second.effect).toBe('run');
    expect(logOf(store as MemoryDecisionStore).at(-1)).toMatchObject({ outcome: { decision: 'approved', approvers: [MANAGER, MANAGER_2] } });
    expect((await refused(gate.answer('d-0001', { decision: 'approve', reviewer: MANAGER_3 }))).code).toBe('settled');
  });

  it('never lets one person settle by an edit what needs two: the edited action is routed again', async () => {
    const { gate } = await gateFor([twoManagers]);
    await gate.propose({ policy: 'support-refunds', facts: refund(900), proposer: AGENT });
    const result = await gate.answer('d-0001', { decision: 'edit', reviewer: MANAGER, reason: 'half of it', editedFacts: refund(450) });
    expect(result.effect).toBe('rerouted');
    expect(result.rerouted?.proposal).toMatchObject({ route: 'approve_before', reviewer: 'support-lead', editedBy: MANAGER.id, status: 'pending' });
  });

  it('takes a route-wide number from spec.approvals when no rule sets one', async () => {
    const routeWide = policy(SUPPORT_REFUNDS, ['  reviewer: support-lead     # owns', '  approvals: { approve_before: 2 }\n  reviewer: support-lead     # owns']);
    const { gate } = await gateFor([routeWide]);
    expect((await gate.propose({ policy: 'support-refunds', facts: refund(120), proposer: AGENT })).proposal.approvalsRequired).toBe(2);
  });
});

describe('answer: edit', () => {
  it('approves an edit that keeps the action within what the reviewer may approve, and binds the approval to the edited facts', async () => {
    const { gate, store } = await gateFor([refunds]);
    await gate.propose({ policy: 'support-refunds', facts: refund(120), proposer: AGENT });
    expect((await refused(gate.answer('d-0001', { decision: 'edit', reviewer: LEAD, editedFacts: refund(90) }))).code).toBe('reason-required');
    expect((await refused(gate.answer('d-0001', { decision: 'edit', reviewer: LEAD, reason: 'partial' }))).code).toBe('edited-facts-required');
    const result = await gate.answer('d-0001', { decision: 'edit', reviewer: LEAD, reason: 'only one of two items arrived damaged', editedFacts: refund(60) });
    expect(result.effect).toBe('run-edited');
    expect(result.runFacts).toEqual(refund(60));
    expect(gate.authorize('d-0001', refund(60))).toMatchObject({ ok: true });
    expect(gate.authorize('d-0001', refund(120))).toMatchObject({ ok: false, code: 'facts-differ' });
    expect(logOf(store as MemoryDecisionStore)[1]).toMatchObject({ facts: refund(120), outcome: { decision: 'edited', editedFacts: refund(60), factsHash: factsHash(refund(60)) } });
  });

  it('routes an edit that makes the action riskier again, as a new proposal linked to the first, never waved through', async () => {
    const { gate, store } = await gateFor([refunds]);
    await gate.propose({ policy: 'support-refunds', facts: refund(120), proposer: AGENT });
    const result = await gate.answer('d-0001', { decision: 'edit', reviewer: LEAD, reason: 'add the shipping cost', editedFacts: refund(640) });
    expect(result.effect).toBe('rerouted');
    expect(result.rerouted?.proposal).toMatchObject({ id: 'd-0002', status: 'pending', route: 'approve_before', reviewer: 'support-manager', linkedTo: 'd-0001', editedBy: LEAD.id });
    expect(gate.authorize('d-0001', refund(640))).toMatchObject({ ok: false });
    expect(gate.authorize('d-0002', refund(640))).toMatchObject({ ok: false, code: 'not-runnable' });
    // The editor may not approve the action they wrote, even from a role that could.
    expect((await refused(gate.answer('d-0002', { decision: 'approve', reviewer: { id: LEAD.id, role: 'support-manager' } }))).code).toBe('self-approval');
    expect((await gate.answer('d-0002', { decision: 'approve', reviewer: MANAGER })).effect).toBe('run');
    expect(logOf(store as MemoryDecisionStore)[1]).toMatchObject({ decisionId: 'd-0001', outcome: { decision: 'edited' }, reroutedTo: 'd-0002' });
    expect((logOf(store as MemoryDecisionStore)[1] as { outcome: { factsHash?: string } }).outcome.factsHash).toBeUndefined();
  });

  it('routes an edit into a denied action to deny', async () => {
    const { gate } = await gateFor([refunds]);
    await gate.propose({ policy: 'support-refunds', facts: refund(120), proposer: AGENT });
    const result = await gate.answer('d-0001', { decision: 'edit', reviewer: LEAD, reason: 'customer asked for another card', editedFacts: refund(120, { refundToOriginalMethod: false }) });
    expect(result.rerouted?.effect).toBe('never');
  });
});

describe('answer: escalate', () => {
  it('moves the decision to the role above with a fresh deadline; the role below may no longer answer it', async () => {
    const { gate, clock } = await gateFor([refunds]);
    await gate.propose({ policy: 'support-refunds', facts: refund(120), proposer: AGENT });
    clock.advance('1h');
    const result = await gate.answer('d-0001', { decision: 'escalate', reviewer: LEAD, reason: 'customer is a reseller; not my call' });
    expect(result.proposal).toMatchObject({ status: 'pending', reviewer: 'support-manager', deadline: '2026-12-03T10:00:00.000Z' });
    expect(result.proposal.escalations).toEqual([{ from: 'support-lead', to: 'support-manager', at: '2026-12-02T10:00:00.000Z', cause: 'answer', reviewer: LEAD, reason: 'customer is a reseller; not my call' }]);
    const error = await refused(gate.answer('d-0001', { decision: 'approve', reviewer: LEAD_2 }));
    expect(error.message).toContain('escalated from support-lead to support-manager');
    expect((await gate.answer('d-0001', { decision: 'escalate', reviewer: MANAGER })).proposal.reviewer).toBe('finance-controller');
    expect((await refused(gate.answer('d-0001', { decision: 'escalate', reviewer: { id: 'gus@example.com', role: 'finance-controller' } }))).code).toBe('no-escalation');
  });
});

describe('expiry and warnings', () => {
  it('under onTimeout: escalate, a decision past its SLA moves up the chain, and the record never blames anyone', async () => {
    const { gate, clock } = await gateFor([refunds]);
    await gate.propose({ policy: 'support-refunds', facts: refund(120), proposer: AGENT });
    clock.advance('3h');
    expect(await gate.expireDue()).toEqual([]);
    clock.advance('1h');
    const [moved] = await gate.expireDue();
    expect(moved?.proposal).toMatchObject({ status: 'pending', reviewer: 'support-manager', deadline: '2026-12-03T13:00:00.000Z' });
    expect(moved?.proposal.escalations[0]).toMatchObject({ cause: 'timeout', from: 'support-lead', to: 'support-manager' });
  });

  it('under onTimeout: reject, a decision past its SLA expires and does not run; the record says expired, not rejected', async () => {
    const rejectOnTimeout = policy(SUPPORT_REFUNDS, ['  onTimeout: escalate ', '  onTimeout: reject ']);
    const { gate, store, clock } = await gateFor([rejectOnTimeout]);
    await gate.propose({ policy: 'support-refunds', facts: refund(120), proposer: AGENT });
    clock.advance('4h');
    const [expired] = await gate.expireDue();
    expect(expired?.effect).toBe('never');
    const record = logOf(store as MemoryDecisionStore)[1] as SettledRecord;
    expect(record.outcome).toEqual({ decision: 'expired', turnaroundSeconds: 14_400 });
  });

  it('applies the expiry owed when a late answer arrives, and refuses the answer', async () => {
    const rejectOnTimeout = policy(SUPPORT_REFUNDS, ['  onTimeout: escalate ', '  onTimeout: reject ']);
    const { gate, clock } = await gateFor([rejectOnTimeout]);
    await gate.propose({ policy: 'support-refunds', facts: refund(120), proposer: AGENT });
    clock.advance('5h');
    const error = await refused(gate.answer('d-0001', { decision: 'approve', reviewer: LEAD }));
    expect(error.code).toBe('expired');
    expect(gate.get('d-0001')?.proposal.status).toBe('expired');
  });

  it('warns once before the deadline when the role sets warnBefore, again after an escalation, never after the deadline', async () => {
    const warned = policy(SUPPORT_REFUNDS, ['      sla: 4h\n', '      sla: 4h\n      warnBefore: 30m\n'], ['      sla: 1d\n      escalateTo: finance-controller\n', '      sla: 1d\n      warnBefore: 2h\n      escalateTo: finance-controller\n']);
    const { gate, clock } = await gateFor([warned]);
    await gate.propose({ policy: 'support-refunds', facts: refund(120), proposer: AGENT });
    clock.advance('3h');
    expect(gate.dueSoon()).toEqual([]);
    clock.advance('31m');
    expect(gate.dueSoon().map((view) => view.proposal.id)).toEqual(['d-0001']);
    expect(await gate.warnDueSoon()).toHaveLength(1);
    expect(await gate.warnDueSoon()).toHaveLength(0);
    clock.advance('29m');
    await gate.expireDue();
    expect(gate.dueSoon()).toEqual([]);
    clock.advance('22h');
    expect(await gate.warnDueSoon()).toHaveLength(1);
  });
});

describe('review after the fact', () => {
  const crm = policy(CRM_UPDATES);
  const update = { field: 'phone', confidence: 0.92, irreversible: false };

  it('runs now and queues a review; approving it lets it stand', async () => {
    const { gate } = await gateFor([crm]);
    const view = await gate.propose({ policy: 'crm-updates', facts: update, proposer: AGENT });
    expect(view.effect).toBe('run');
    expect(gate.open({ role: 'sales-ops' }).map((open) => open.proposal.id)).toEqual(['d-0001']);
    expect((await gate.answer('d-0001', { decision: 'approve', reviewer: { id: 'hal@example.com', role: 'sales-ops' } })).effect).toBe('stands');
  });

  it('a correction records the corrected facts beside what ran and tells the service what to fix; a rejection tells it to undo', async () => {
    const { gate, store } = await gateFor([crm]);
    await gate.propose({ policy: 'crm-updates', facts: update, proposer: AGENT });
    await gate.propose({ policy: 'crm-updates', facts: { ...update, field: 'stage' }, proposer: AGENT });
    const corrected = await gate.answer('d-0001', { decision: 'edit', reviewer: { id: 'hal@example.com', role: 'sales-ops' }, reason: 'wrong contact', editedFacts: { ...update, field: 'email' } });
    expect(corrected.effect).toBe('correct');
    expect(corrected.runFacts).toEqual({ ...update, field: 'email' });
    const undone = await gate.answer('d-0002', { decision: 'reject', reviewer: { id: 'hal@example.com', role: 'sales-ops' }, reason: 'deal is not at that stage' });
    expect(undone.effect).toBe('undo');
    expect(logOf(store as MemoryDecisionStore).slice(2)).toMatchObject([
      { decisionId: 'd-0001', route: 'review_after', facts: update, outcome: { decision: 'edited', editedFacts: { ...update, field: 'email' } } },
      { decisionId: 'd-0002', route: 'review_after', outcome: { decision: 'rejected', reason: 'deal is not at that stage' } },
    ]);
  });

  it('an unanswered review expires past its SLA and nothing is undone', async () => {
    const { gate, clock } = await gateFor([crm]);
    await gate.propose({ policy: 'crm-updates', facts: update, proposer: AGENT });
    clock.advance('1d');
    const [expired] = await gate.expireDue();
    expect(expired).toMatchObject({ effect: 'stands', proposal: { status: 'expired' } });
  });
});

describe('identity', () => {
  const verifier = {
    verify: (credential: unknown) => (credential === 'session-ana' ? LEAD : undefined),
  };

  it('takes the reviewer from the verifier, never from the answer body', async () => {
    const { gate } = await gateFor([refunds], { verifier });
    await gate.propose({ policy: 'support-refunds', facts: refund(120), proposer: AGENT });
    expect((await refused(gate.answer('d-0001', { decision: 'approve', reviewer: MANAGER }, { credential: 'forged' }))).code).toBe('unauthenticated');
    expect((await refused(gate.answer('d-0001', { decision: 'approve', reviewer: MANAGER }, { credential: 'session-ana' }))).code).toBe('identity-mismatch');
    const result = await gate.answer('d-0001', { decision: 'approve' }, { credential: 'session-ana' });
    expect(result.proposal.outcome).toMatchObject({ reviewerId: LEAD.id, reviewer: 'support-lead' });
  });
});

describe('shadow policies', () => {
  it('logs the route a candidate would have taken beside the enforced one, and never acts on it', async () => {
    const candidate = policy(SUPPORT_REFUNDS, ['  version: 4', '  version: 5'], ['    autoRefundMax:\n      value: 50', '    autoRefundMax:\n      value: 150']);
    const { gate } = await gateFor([refunds], { shadow: [candidate] });
    const view = await gate.propose({ policy: 'support-refunds', facts: refund(120), proposer: AGENT });
    expect(view.effect).toBe('wait');
    expect(view.proposal.shadow).toEqual([{ policy: { name: 'support-refunds', version: 5, hash: candidate.hash }, route: 'auto', rules: ['small-confident-refund'] }]);
  });
});

describe('notifications', () => {
  it('tells the notifier of a new proposal, an escalation and a settlement, after each is durable', async () => {
    const events: GateEvent[] = [];
    const store = newStore();
    const { gate } = await gateFor([refunds], {
      store,
      notifier: {
        notify: (event) => {
          events.push({ ...event, proposal: structuredClone(event.proposal) });
          expect(store.lines.some((line) => line.includes(event.proposal.id))).toBe(true);
          return Promise.resolve();
        },
      },
    });
    await gate.propose({ policy: 'support-refunds', facts: refund(120), proposer: AGENT });
    await gate.answer('d-0001', { decision: 'escalate', reviewer: LEAD });
    await gate.answer('d-0001', { decision: 'approve', reviewer: MANAGER });
    expect(events.map((event) => [event.type, event.proposal.status, event.proposal.reviewer])).toEqual([
      ['proposed', 'pending', 'support-lead'],
      ['escalated', 'pending', 'support-manager'],
      ['settled', 'approved', 'support-manager'],
    ]);
  });

  it('goes on when the notifier fails, and reports the failure', async () => {
    const failures: unknown[] = [];
    const { gate } = await gateFor([refunds], { notifier: { notify: () => Promise.reject(new Error('webhook down')) }, onNotifyError: (error) => failures.push(error) });
    expect((await gate.propose({ policy: 'support-refunds', facts: refund(120), proposer: AGENT })).effect).toBe('wait');
    await new Promise((resolve) => setImmediate(resolve));
    expect(failures).toHaveLength(1);
  });
});

describe('a store that fails', () => {
  it('stops the gate rather than act on what is not durable', async () => {
    const store = newStore();
    const { gate } = await gateFor([refunds], { store });
    await gate.propose({ policy: 'support-refunds', facts: refund(120), proposer: AGENT });
    const diskFull = () => Promise.reject(new Error('disk full'));
    store.append = diskFull;
    if (store instanceof MemorySharedDecisionStore) store.update = diskFull;
    expect((await refused(gate.answer('d-0001', { decision: 'approve', reviewer: LEAD }))).code).toBe('store-failed');
    // One process stops until restarted; a replica on a shared store kept nothing of the failed call and reads afresh next time.
    const next = await refused(gate.propose({ policy: 'support-refunds', facts: refund(20), proposer: AGENT }));
    expect(next.message).toMatch(store instanceof MemorySharedDecisionStore ? /read the decision again/ : /restart it/);
    if (store instanceof MemorySharedDecisionStore) expect((await gate.load('d-0001'))?.proposal.status).toBe('pending');
    else expect(gate.authorize('d-0001', refund(120))).toMatchObject({ ok: false, code: 'not-durable' });
  });
});

describe('claim: an action runs once', () => {
  it('records the run in the log, refuses a second claim, and still refuses it after a restart', async () => {
    const store = newStore();
    const clock = new FakeClock();
    const gate = await createGate({ policies: [refunds], store, clock: clock.now, newId: sequentialIds() });
    await gate.propose({ policy: 'support-refunds', facts: refund(120), proposer: AGENT });
    expect(await gate.claim('d-0001', refund(120))).toMatchObject({ ok: false, code: 'not-runnable' });
    await gate.answer('d-0001', { decision: 'approve', reviewer: LEAD });
    expect(await gate.claim('d-0001', refund(121))).toMatchObject({ ok: false, code: 'facts-differ' });
    const [first, second] = await Promise.all([gate.claim('d-0001', refund(120)), gate.claim('d-0001', refund(120))]);
    expect([first.ok, second.ok].filter(Boolean)).toHaveLength(1);
    expect(logOf(store).filter((entry) => 'event' in entry && entry.event === 'executed')).toHaveLength(1);
    expect(await gate.claim('d-0001', refund(120))).toMatchObject({ ok: false, code: 'already-executed' });

    const restarted = await createGate({ policies: [refunds], store, clock: clock.now, newId: sequentialIds('r') });
    expect(await restarted.claim('d-0001', refund(120))).toMatchObject({ ok: false, code: 'already-executed' });
  });

  it('claims an automatic action once too', async () => {
    const { gate } = await gateFor([refunds]);
    await gate.propose({ policy: 'support-refunds', facts: refund(30), proposer: AGENT });
    expect((await gate.claim('d-0001', refund(30))).ok).toBe(true);
    expect((await gate.claim('d-0001', refund(30))).ok).toBe(false);
  });
});

describe('restart', () => {
  it('rebuilds pending decisions with their original deadlines from the log', async () => {
    const store = newStore();
    const clock = new FakeClock();
    const first = await createGate({ policies: [refunds], store, clock: clock.now, newId: sequentialIds() });
    await first.propose({ policy: 'support-refunds', facts: refund(120), proposer: AGENT });
    await first.propose({ policy: 'support-refunds', facts: refund(30), proposer: AGENT });
    clock.advance('2h');
    const second: Gate = await createGate({ policies: [refunds], store, clock: clock.now, newId: sequentialIds('r') });
    expect((await second.pending()).map((view) => [view.proposal.id, view.proposal.deadline])).toEqual([['d-0001', '2026-12-02T13:00:00.000Z']]);
    expect((await second.load('d-0002'))?.effect).toBe('run');
    expect(second.authorize('d-0002', refund(30))).toMatchObject({ ok: true });
    expect((await second.answer('d-0001', { decision: 'approve', reviewer: LEAD })).effect).toBe('run');
  });
});

// approve_before through an interrupt: the call waits for a person, the
// approval goes through gate.answer, and the tool runs once, with the args approved.
import { describe, expect, test } from 'vitest';
import { AGENT, harness, LEAD, lastText, MANAGER, refund, refundGate, textOf, toolMessages } from './fixtures.js';

describe('approve before', () => {
  test('a refund above the automatic limit stops for the support lead and runs once she approves', async () => {
    const gate = await refundGate();
    const h = harness(gate, [{ id: 'call-1', args: refund({ amount: 120 }) }]);

    const { request } = await h.start('thread-1');
    expect(h.issued).toEqual([]);
    expect(request?.actionRequests).toHaveLength(1);
    const action = request!.actionRequests[0]!;
    expect(action).toMatchObject({
      name: 'issueRefund',
      args: refund({ amount: 120 }),
      toolCallId: 'call-1',
      policy: 'support-refunds',
      route: 'approve_before',
      reviewer: 'support-lead',
      deadline: '2026-12-02T13:00:00.000Z',
      approvals: { given: 0, required: 1 },
      reasons: ['refund-needs-approval (approve_before): amount 120 > autoRefundMax 50'],
    });
    expect(action.packet?.summary).toBe('refund of 120 USD on order ORD-1002341 (damaged)');
    expect(action.description).toContain('refund of 120 USD on order ORD-1002341');
    expect(request!.reviewConfigs).toEqual([{ actionName: 'issueRefund', allowedDecisions: ['approve', 'edit', 'reject'] }]);
    expect(gate.get(action.proposalId)?.proposal.status).toBe('pending');

    const done = await h.resume('thread-1', { decisions: [{ type: 'approve', reviewer: LEAD }] });
    expect(done.request).toBeUndefined();
    expect(h.issued).toEqual([refund({ amount: 120 })]);
    expect(toolMessages(done.messages).get('call-1')?.content).toBe('refunded 120 USD on ORD-1002341');
    expect(lastText(done.messages)).toBe('done');
    const proposal = gate.get(action.proposalId)!.proposal;
    expect(proposal.status).toBe('approved');
    expect(proposal.outcome).toMatchObject({ decision: 'approved', reviewer: 'support-lead', reviewerId: LEAD.id });
    expect(proposal.proposer).toEqual(AGENT);
    // LangGraph ran the step again on resume: the call was proposed once, answered once.
    expect([...gate.proposals()]).toHaveLength(1);
  });

  test('auto runs alone, deny never runs, and only the call that waits is put to a person', async () => {
    const gate = await refundGate();
    const h = harness(gate, [
      { id: 'small', args: refund({ amount: 30 }) },
      { id: 'large', args: refund({ amount: 120, orderId: 'ORD-2000002' }) },
      { id: 'other-card', args: refund({ amount: 40, orderId: 'ORD-3000003', refundToOriginalMethod: false }) },
    ]);

    const { request } = await h.start('thread-2');
    expect(request?.actionRequests.map((action) => action.toolCallId)).toEqual(['large']);
    // Nothing runs while the step waits: the model's calls run together once it is answered.
    expect(h.issued).toEqual([]);

    const done = await h.resume('thread-2', { decisions: [{ type: 'approve', reviewer: LEAD }] });
    expect(h.issued.map((args) => args.orderId).sort()).toEqual(['ORD-1002341', 'ORD-2000002']);
    const messages = toolMessages(done.messages);
    expect(messages.get('other-card')?.status).toBe('error');
    expect(textOf(messages.get('other-card'))).toContain('denies');
    expect(lastText(done.messages)).toBe('done');
    const statuses = [...gate.proposals()].map((proposal) => [proposal.decisionKey?.split('/').at(-1), proposal.route, proposal.status]);
    expect(statuses).toEqual([
      ['small', 'auto', 'ran'],
      ['large', 'approve_before', 'approved'],
      ['other-card', 'deny', 'denied'],
    ]);
  });

  test('the reviewer can be set on the middleware instead of in the resume payload', async () => {
    const gate = await refundGate();
    const h = harness(gate, [{ id: 'call-1', args: refund({ amount: 120 }) }], { oversight: { reviewer: LEAD } });
    const { request } = await h.start('thread-3');
    await h.resume('thread-3', { decisions: [{ type: 'approve' }] });
    expect(h.issued).toHaveLength(1);
    expect(gate.get(request!.actionRequests[0]!.proposalId)?.proposal.outcome?.reviewerId).toBe(LEAD.id);
  });

  test('an answer the gate refuses is asked again with the reason, and nothing runs until an allowed answer', async () => {
    const gate = await refundGate();
    const h = harness(gate, [{ id: 'call-1', args: refund({ amount: 120 }) }]);
    const first = (await h.start('thread-4')).request!;
    const proposalId = first.actionRequests[0]!.proposalId;

    // The agent's own identity may not approve its action (separation of duties).
    const selfApproved = (await h.resume('thread-4', { decisions: [{ type: 'approve', reviewer: { id: AGENT.id, role: 'support-lead' } }] })).request!;
    expect(selfApproved.actionRequests[0]).toMatchObject({ proposalId, refused: expect.stringContaining('separation of duties') as string });
    // A response that does not answer each action answers none.
    const malformed = (await h.resume('thread-4', { decisions: [] })).request!;
    expect(malformed.actionRequests[0]?.refused).toContain('0 decisions for 1 action requests');
    // A decision naming another proposal is refused.
    const misaddressed = (await h.resume('thread-4', { decisions: [{ type: 'approve', reviewer: LEAD, proposalId: 'not-this-one' }] })).request!;
    expect(misaddressed.actionRequests[0]?.refused).toContain('names proposal not-this-one');
    expect(h.issued).toEqual([]);
    expect(gate.get(proposalId)?.proposal.status).toBe('pending');

    const done = await h.resume('thread-4', { decisions: [{ type: 'approve', reviewer: LEAD, proposalId }] });
    expect(done.request).toBeUndefined();
    expect(h.issued).toEqual([refund({ amount: 120 })]);
    expect([...gate.proposals()]).toHaveLength(1);
  });

  test('escalate hands the decision to the escalateTo role, which is asked in the next round', async () => {
    const gate = await refundGate();
    const h = harness(gate, [{ id: 'call-1', args: refund({ amount: 120 }) }]);
    const { proposalId } = (await h.start('thread-5')).request!.actionRequests[0]!;
    const escalated = (await h.resume('thread-5', { decisions: [{ type: 'escalate', reviewer: LEAD, reason: 'customer is a reseller' }] })).request!;
    expect(escalated.actionRequests[0]).toMatchObject({ proposalId, reviewer: 'support-manager' });
    expect(escalated.actionRequests[0]?.refused).toBeUndefined();
    expect(h.issued).toEqual([]);
    await h.resume('thread-5', { decisions: [{ type: 'approve', reviewer: MANAGER }] });
    expect(h.issued).toEqual([refund({ amount: 120 })]);
    expect(gate.get(proposalId)?.proposal.escalations).toMatchObject([{ from: 'support-lead', to: 'support-manager', cause: 'answer' }]);
  });
});

// A rejection goes through gate.answer with its reason; the tool never runs and
// the model hears the reason in the call's ToolMessage.
import { describe, expect, test } from 'vitest';
import type { RefusalArtifact } from '../src/index.js';
import { harness, LEAD, lastText, refund, refundGate, textOf, toolMessages } from './fixtures.js';

describe('reject', () => {
  test('a rejection with a reason: the tool never runs, the model is told why, the log says who and why', async () => {
    const gate = await refundGate();
    const h = harness(gate, [{ id: 'call-1', args: refund({ amount: 400, reasonCode: 'goodwill' }) }]);
    const { request } = await h.start('thread-1');
    const proposalId = request!.actionRequests[0]!.proposalId;

    const done = await h.resume('thread-1', { decisions: [{ type: 'reject', reviewer: LEAD, message: 'goodwill above 50 USD is store credit, not cash' }] });
    expect(done.request).toBeUndefined();
    expect(h.issued).toEqual([]);
    const refusal = toolMessages(done.messages).get('call-1')!;
    expect(refusal.status).toBe('error');
    expect(refusal.content).toBe(`issueRefund was not executed: ${LEAD.id} (support-lead) rejected it: goodwill above 50 USD is store credit, not cash (decision ${proposalId}).`);
    expect((refusal.artifact as RefusalArtifact).oversight).toMatchObject({ proposalId, status: 'rejected', route: 'approve_before' });
    // With every call refused, the agent goes back to the model, which answers the customer.
    expect(lastText(done.messages)).toBe('done');
    expect(gate.get(proposalId)?.proposal.outcome).toMatchObject({ decision: 'rejected', reason: 'goodwill above 50 USD is store credit, not cash', reviewerId: LEAD.id });
    expect(gate.authorize(proposalId, refund({ amount: 400, reasonCode: 'goodwill' })).ok).toBe(false);
  });

  test('a rejection without a reason is refused by the gate and asked again; the reason field serves too', async () => {
    const gate = await refundGate();
    const h = harness(gate, [{ id: 'call-1', args: refund({ amount: 120 }) }]);
    await h.start('thread-2');
    const again = (await h.resume('thread-2', { decisions: [{ type: 'reject', reviewer: LEAD }] })).request!;
    expect(again.actionRequests[0]?.refused).toContain('say why');

    const done = await h.resume('thread-2', { decisions: [{ type: 'reject', reviewer: LEAD, reason: 'order already refunded by the carrier' }] });
    expect(done.request).toBeUndefined();
    expect(h.issued).toEqual([]);
    expect(textOf(toolMessages(done.messages).get('call-1'))).toContain('order already refunded by the carrier');
  });
});

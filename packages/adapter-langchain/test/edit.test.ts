// An edit is re-evaluated by the policy through the gate: within what the
// reviewer may approve it runs as edited; riskier, it becomes a new proposal
// that interrupts again for its own approval; denied, it never runs.
import { describe, expect, test } from 'vitest';
import { AIMessage } from '@langchain/core/messages';
import { harness, LEAD, MANAGER, refund, refundGate, textOf, toolMessages } from './fixtures.js';

describe('edit', () => {
  test('an edit the policy still gives the lead is approved as edited and runs with the edited arguments', async () => {
    const gate = await refundGate();
    const h = harness(gate, [{ id: 'call-1', args: refund({ amount: 120 }) }]);
    const { request } = await h.start('thread-1');
    const action = request!.actionRequests[0]!;

    const done = await h.resume('thread-1', {
      decisions: [{ type: 'edit', reviewer: LEAD, reason: 'only one of the two items was damaged', editedAction: { name: 'issueRefund', args: { ...action.args, amount: 80 } } }],
    });
    expect(done.request).toBeUndefined();
    expect(h.issued).toEqual([refund({ amount: 80 })]);
    const view = gate.get(action.proposalId)!;
    expect(view.effect).toBe('run-edited');
    expect(view.proposal.outcome).toMatchObject({ decision: 'edited', reviewerId: LEAD.id, editedFacts: refund({ amount: 80 }) });
    // The approval was bound to the edited facts, not the model's, and the run that used it is claimed: it never runs again.
    expect(view.runFacts).toEqual(refund({ amount: 80 }));
    expect(view.proposal.executedAt).toBeDefined();
    expect(gate.authorize(action.proposalId, refund({ amount: 80 }))).toMatchObject({ ok: false, code: 'already-executed' });
    // The thread records the call as it ran.
    const modelMessage = done.messages.find((message) => AIMessage.isInstance(message) && (message.tool_calls?.length ?? 0) > 0) as AIMessage;
    expect(modelMessage.tool_calls?.[0]?.args).toEqual(refund({ amount: 80 }));
    expect([...gate.proposals()]).toHaveLength(1);
  });

  test('an edit that makes the refund riskier is routed again and interrupts again for the new proposal', async () => {
    const gate = await refundGate();
    const h = harness(gate, [{ id: 'call-1', args: refund({ amount: 120 }) }]);
    const first = (await h.start('thread-2')).request!.actionRequests[0]!;

    const second = (await h.resume('thread-2', {
      decisions: [{ type: 'edit', reviewer: LEAD, reason: 'both items were damaged', editedAction: { name: 'issueRefund', args: { ...first.args, amount: 650 } } }],
    })).request!;
    expect(h.issued).toEqual([]);
    expect(second.actionRequests).toHaveLength(1);
    const routed = second.actionRequests[0]!;
    expect(routed.proposalId).not.toBe(first.proposalId);
    expect(routed).toMatchObject({ linkedTo: first.proposalId, route: 'approve_before', reviewer: 'support-manager', toolCallId: 'call-1', args: refund({ amount: 650 }) });
    expect(routed.reasons.join('\n')).toContain('manager-approval');
    expect(gate.get(first.proposalId)?.proposal.status).toBe('rerouted');

    // The lead who raised it may not approve it (a manager's decision now, and her own edit).
    const refused = (await h.resume('thread-2', { decisions: [{ type: 'approve', reviewer: LEAD }] })).request!;
    expect(refused.actionRequests[0]).toMatchObject({ proposalId: routed.proposalId, refused: expect.stringContaining('support-manager') as string });
    expect(h.issued).toEqual([]);

    const done = await h.resume('thread-2', { decisions: [{ type: 'approve', reviewer: MANAGER }] });
    expect(done.request).toBeUndefined();
    expect(h.issued).toEqual([refund({ amount: 650 })]);
    expect(gate.get(routed.proposalId)?.proposal).toMatchObject({ status: 'approved', outcome: { reviewerId: MANAGER.id } });
    expect([...gate.proposals()].map((proposal) => proposal.status)).toEqual(['rerouted', 'approved']);
  });

  test('an edit into a refund the policy denies never runs', async () => {
    const gate = await refundGate();
    const h = harness(gate, [{ id: 'call-1', args: refund({ amount: 120 }) }]);
    const first = (await h.start('thread-3')).request!.actionRequests[0]!;
    const done = await h.resume('thread-3', {
      decisions: [{ type: 'edit', reviewer: LEAD, reason: 'the whole order', editedAction: { name: 'issueRefund', args: { ...first.args, amount: 3000 } } }],
    });
    expect(done.request).toBeUndefined();
    expect(h.issued).toEqual([]);
    expect(textOf(toolMessages(done.messages).get('call-1'))).toContain('denies this action as edited (rules matched: above-hard-cap');
    expect([...gate.proposals()].map((proposal) => proposal.status)).toEqual(['rerouted', 'denied']);
  });

  test('an edit may change the arguments, not the tool', async () => {
    const gate = await refundGate();
    const h = harness(gate, [{ id: 'call-1', args: refund({ amount: 120 }) }]);
    const first = (await h.start('thread-4')).request!.actionRequests[0]!;
    const again = (await h.resume('thread-4', {
      decisions: [{ type: 'edit', reviewer: LEAD, reason: 'credit instead', editedAction: { name: 'issueStoreCredit', args: first.args } }],
    })).request!;
    expect(again.actionRequests[0]).toMatchObject({ proposalId: first.proposalId, refused: expect.stringContaining('not the tool') as string });
  });
});

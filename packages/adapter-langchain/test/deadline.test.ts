// A deadline passes while the thread is interrupted: the gate applies the
// policy's onTimeout (support-refunds escalates) when the answer arrives, the
// late answer from the old role is refused, and the next role is asked.
import { createGate, MemoryDecisionStore } from '@oversight/gate';
import { expect, test } from 'vitest';
import { harness, LEAD, loadShippedPolicy, MANAGER, NOW, POLICY_URL, refund } from './fixtures.js';

test('past the lead’s SLA the decision moves to the manager, who is asked next', async () => {
  let now = NOW;
  const gate = await createGate({ policies: [loadShippedPolicy(POLICY_URL)], store: new MemoryDecisionStore(), clock: () => now });
  const h = harness(gate, [{ id: 'call-1', args: refund({ amount: 120 }) }]);
  const first = (await h.start('thread-1')).request!.actionRequests[0]!;
  expect(first).toMatchObject({ reviewer: 'support-lead', deadline: '2026-12-02T13:00:00.000Z' });

  now = new Date('2026-12-02T14:00:00Z'); // the lead's 4h SLA has passed
  const late = (await h.resume('thread-1', { decisions: [{ type: 'approve', reviewer: LEAD }] })).request!.actionRequests[0]!;
  expect(late).toMatchObject({ proposalId: first.proposalId, reviewer: 'support-manager', deadline: '2026-12-03T14:00:00.000Z' });
  expect(late.refused).toContain('escalated from support-lead to support-manager when its SLA passed');
  expect(h.issued).toEqual([]);

  await h.resume('thread-1', { decisions: [{ type: 'approve', reviewer: MANAGER }] });
  expect(h.issued).toEqual([refund({ amount: 120 })]);
  expect(gate.get(first.proposalId)?.proposal.escalations).toMatchObject([{ from: 'support-lead', to: 'support-manager', cause: 'timeout' }]);
});

// A rule that needs two approvers (M-of-N): the first approval leaves the call
// waiting and the agent interrupts again; it runs after the second, distinct person.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { compilePolicy, loadPolicy } from '@oversight/core';
import { createGate, MemoryDecisionStore } from '@oversight/gate';
import { expect, test } from 'vitest';
import { harness, MANAGER, NOW, POLICY_URL, refund } from './fixtures.js';

test('two managers approve a large refund, one round each', async () => {
  const path = fileURLToPath(POLICY_URL);
  const text = readFileSync(path, 'utf8').replace('      route: approve_before\n      reviewer: support-manager\n', '      route: approve_before\n      reviewer: support-manager\n      approvals: 2\n');
  const loaded = loadPolicy(text, path);
  if (!loaded.ok) throw new Error('the edited policy does not load');
  const gate = await createGate({ policies: [compilePolicy(loaded.policy)], store: new MemoryDecisionStore(), clock: () => NOW });
  const h = harness(gate, [{ id: 'call-1', args: refund({ amount: 900 }) }]);

  const first = (await h.start('thread-1')).request!.actionRequests[0]!;
  expect(first.approvals).toEqual({ given: 0, required: 2 });
  const second = (await h.resume('thread-1', { decisions: [{ type: 'approve', reviewer: MANAGER }] })).request!.actionRequests[0]!;
  expect(second).toMatchObject({ proposalId: first.proposalId, approvals: { given: 1, required: 2 } });
  expect(second.refused).toBeUndefined();
  expect(h.issued).toEqual([]);

  // The same manager again counts once: still waiting.
  const third = (await h.resume('thread-1', { decisions: [{ type: 'approve', reviewer: MANAGER }] })).request!.actionRequests[0]!;
  expect(third.approvals).toEqual({ given: 1, required: 2 });
  expect(third.refused).toContain('has already approved');
  expect(h.issued).toEqual([]);

  await h.resume('thread-1', { decisions: [{ type: 'approve', reviewer: { id: 'mia@example.com', role: 'support-manager' } }] });
  expect(h.issued).toEqual([refund({ amount: 900 })]);
  expect(gate.get(first.proposalId)?.proposal.outcome?.approvers?.map((approver) => approver.id)).toEqual([MANAGER.id, 'mia@example.com']);
});

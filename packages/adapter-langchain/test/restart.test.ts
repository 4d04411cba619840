// LangGraph resumes a thread by running the interrupted step again; after a
// restart that step runs in a new process, over a gate rebuilt from its log.
// The proposals made before are found by their decision keys (never proposed
// twice), answers already in the log are not given again, and an edit routed
// again before the restart is followed to its new proposal.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AIMessage } from '@langchain/core/messages';
import { fakeModel } from '@langchain/core/testing';
import { MemorySaver } from '@langchain/langgraph';
import { JsonlDecisionLog } from '@oversight/gate';
import { expect, test } from 'vitest';
import { harness, LEAD, MANAGER, refund, refundGate } from './fixtures.js';

test('an edit routed again before a restart is approved after it, and runs once with the edited arguments', async () => {
  const log = join(mkdtempSync(join(tmpdir(), 'oversight-langchain-restart-')), 'decisions.jsonl');
  const checkpointer = new MemorySaver();

  const before = harness(await refundGate(await JsonlDecisionLog.open(log)), [{ id: 'call-1', args: refund({ amount: 120 }) }], { checkpointer });
  const first = (await before.start('thread-1')).request!.actionRequests[0]!;
  const second = (await before.resume('thread-1', {
    decisions: [{ type: 'edit', reviewer: LEAD, reason: 'both items were damaged', editedAction: { name: 'issueRefund', args: { ...first.args, amount: 650 } } }],
  })).request!.actionRequests[0]!;
  expect(second).toMatchObject({ linkedTo: first.proposalId, reviewer: 'support-manager' });
  await before.gate.close();

  // A new process: the gate is rebuilt from the log; the thread from the checkpointer.
  const gate = await refundGate(await JsonlDecisionLog.open(log));
  const after = harness(gate, [], { checkpointer, model: fakeModel().respond(new AIMessage('done')) });
  const done = await after.resume('thread-1', { decisions: [{ type: 'approve', reviewer: MANAGER }] });
  expect(done.request).toBeUndefined();
  expect(after.issued).toEqual([refund({ amount: 650 })]);
  expect(before.issued).toEqual([]);
  expect([...gate.proposals()].map((proposal) => [proposal.id, proposal.status])).toEqual([
    [first.proposalId, 'rerouted'],
    [second.proposalId, 'approved'],
  ]);
  await gate.close();
});

test('a thread interrupted before a restart is answered after it without a second proposal', async () => {
  const log = join(mkdtempSync(join(tmpdir(), 'oversight-langchain-restart-')), 'decisions.jsonl');
  const checkpointer = new MemorySaver();
  const before = harness(await refundGate(await JsonlDecisionLog.open(log)), [{ id: 'call-1', args: refund({ amount: 120 }) }], { checkpointer });
  const { proposalId } = (await before.start('thread-2')).request!.actionRequests[0]!;
  await before.gate.close();

  const gate = await refundGate(await JsonlDecisionLog.open(log));
  const after = harness(gate, [], { checkpointer, model: fakeModel().respond(new AIMessage('done')) });
  await after.resume('thread-2', { decisions: [{ type: 'approve', reviewer: LEAD }] });
  expect(after.issued).toEqual([refund({ amount: 120 })]);
  expect([...gate.proposals()].map((proposal) => [proposal.id, proposal.status])).toEqual([[proposalId, 'approved']]);
  await gate.close();
});

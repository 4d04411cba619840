import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GateError, JsonlDecisionLog, type Gate } from '@oversight/gate';
import { generateText, tool, type ModelMessage, type ToolApprovalResponse, type ToolSet } from 'ai';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { approvalMessage, isOversightRefusal, OversightError, withOversight, type Oversight, type OversightRefusal } from '../src/index.js';
import { scriptedModel, type ScriptedToolCall } from '../examples/scripted-model.js';
import { agent, lead, manager, refund, refundGate, refundPolicy, refundTool, type RefundArgs } from './support.js';

const fraudAnalyst = { id: 'kofi@example.com', role: 'fraud-analyst' };

/** One conversation: the model's scripted tool calls, the history, and the turns so far. */
async function converse<TOOLS extends ToolSet>(oversight: Oversight<TOOLS>, ...turns: ScriptedToolCall[][]) {
  const model = scriptedModel(turns);
  const messages: ModelMessage[] = [{ role: 'user', content: 'Please work through the refund queue.' }];
  const first = await generateText({ model, tools: oversight.tools, messages });
  messages.push(...first.response.messages);
  return {
    first,
    requests: oversight.approvalRequests(first.content),
    /** Sends approval responses back and runs the generation on. */
    continueWith: async (responses: (ToolApprovalResponse | undefined)[]) => {
      messages.push(approvalMessage(responses));
      const next = await generateText({ model, tools: oversight.tools, messages });
      messages.push(...next.response.messages);
      return next;
    },
    messages,
  };
}

const call = (input: RefundArgs, toolCallId = 'call-1'): ScriptedToolCall => ({ toolCallId, toolName: 'issueRefund', input });

/** The tool results a generation step produced (tool calls it ran in this step), by tool call id. */
function toolOutputs(result: { content: ReadonlyArray<{ type: string; toolCallId?: string; output?: unknown }> }): Map<string, unknown> {
  const outputs = new Map<string, unknown>();
  for (const part of result.content) if (part.type === 'tool-result' && part.toolCallId !== undefined) outputs.set(part.toolCallId, part.output);
  return outputs;
}

/** The tool results in a history, by tool call id: what the model reads. */
function historyResults(messages: ModelMessage[]): Map<string, unknown> {
  const results = new Map<string, unknown>();
  for (const message of messages) {
    if (message.role !== 'tool') continue;
    for (const part of message.content) if (part.type === 'tool-result') results.set(part.toolCallId, part.output);
  }
  return results;
}

async function refundDesk(gate?: Gate) {
  const { issueRefund, paid } = refundTool();
  const oversight = withOversight({ issueRefund }, { gate: gate ?? (await refundGate()), policy: 'support-refunds', proposer: agent });
  return { oversight, paid };
}

describe('auto', () => {
  it('runs a small confident refund at once: no approval request, authorized by the gate', async () => {
    const gate = await refundGate();
    const { oversight, paid } = await refundDesk(gate);
    const small = { ...refund, amount: 30 };
    const { first, requests } = await converse(oversight, [call(small)]);

    expect(requests).toEqual([]);
    expect(paid).toEqual([small]);
    expect(toolOutputs(first).get('call-1')).toEqual({ refunded: 30, currency: 'USD', orderId: 'ORD-1002341' });
    const decided = oversight.call('call-1')!;
    expect(decided).toMatchObject({ route: 'auto', status: 'ran', needsApproval: false, executed: true, rules: ['small-confident-refund'] });
    expect(decided.view.proposal.decisionKey).toBe('issueRefund:call-1');
  });
});

describe('an approval round trip', () => {
  it('asks for approval with the gate decision attached, runs nothing until the lead approves, then runs exactly the approved refund', async () => {
    const gate = await refundGate();
    const { oversight, paid } = await refundDesk(gate);
    const { first, requests, continueWith } = await converse(oversight, [call(refund)]);

    expect(paid).toEqual([]);
    const approvalParts = first.content.filter((part) => part.type === 'tool-approval-request');
    expect(approvalParts).toHaveLength(1);
    expect(requests).toHaveLength(1);
    const [request] = requests;
    expect(request!.approvalId).toBe(approvalParts[0]!.approvalId);
    expect(request!.call).toMatchObject({
      toolCallId: 'call-1',
      toolName: 'issueRefund',
      args: refund,
      facts: refund,
      route: 'approve_before',
      reviewer: 'support-lead',
      status: 'pending',
      effect: 'wait',
      needsApproval: true,
      executed: false,
      reasons: ['refund-needs-approval (approve_before): amount 120 > autoRefundMax 50'],
    });
    expect(request!.call.packet?.summary).toBe('refund of 120 USD on order ORD-1002341 (damaged)');
    expect(gate.get(request!.call.proposalId)?.proposal.status).toBe('pending');

    const answer = await oversight.answer('call-1', { decision: 'approve', reviewer: lead });
    expect(answer.result.effect).toBe('run');
    expect(answer.response).toEqual({ type: 'tool-approval-response', approvalId: request!.approvalId, approved: true, reason: 'approved by support-lead' });
    expect(paid).toEqual([]); // the answer alone runs nothing: the generation does

    const next = await continueWith([answer.response]);
    expect(paid).toEqual([refund]);
    // Approved calls run before the model's next step: their results are in the response's tool message.
    expect(historyResults(next.response.messages).get('call-1')).toEqual({ type: 'json', value: { refunded: 120, currency: 'USD', orderId: 'ORD-1002341' } });
    expect(oversight.call('call-1')).toMatchObject({ status: 'approved', executed: true, runArgs: refund });
    expect(gate.get(request!.call.proposalId)?.proposal.outcome).toMatchObject({ decision: 'approved', reviewer: 'support-lead', reviewerId: 'ana@example.com' });
  });
});

describe('an answer given elsewhere', () => {
  it('a review queue answering the gate directly: response() turns it into the approval response', async () => {
    const gate = await refundGate();
    const { oversight, paid } = await refundDesk(gate);
    const { requests, continueWith } = await converse(oversight, [call(refund)]);
    expect(oversight.response('call-1')).toBeUndefined(); // still waiting

    await gate.answer(requests[0]!.call.proposalId, { decision: 'approve', reviewer: lead });
    const response = oversight.response('call-1');
    expect(response).toEqual({ type: 'tool-approval-response', approvalId: requests[0]!.approvalId, approved: true, reason: 'approved by support-lead' });
    await continueWith([response]);
    expect(paid).toEqual([refund]);
  });
});

describe('a rejection', () => {
  it('records the reason in the gate, denies the call in the AI SDK with it, and never runs the tool', async () => {
    const gate = await refundGate();
    const { oversight, paid } = await refundDesk(gate);
    const { requests, continueWith, messages } = await converse(oversight, [call(refund)]);

    await expect(oversight.answer('call-1', { decision: 'reject', reviewer: lead })).rejects.toMatchObject({ code: 'reason-required' });
    const answer = await oversight.answer('call-1', { decision: 'reject', reviewer: lead, reason: 'the photo shows no damage' });
    expect(answer.response).toEqual({
      type: 'tool-approval-response',
      approvalId: requests[0]!.approvalId,
      approved: false,
      reason: 'rejected by support-lead: the photo shows no damage',
    });

    await continueWith([answer.response]);
    expect(paid).toEqual([]);
    expect(historyResults(messages).get('call-1')).toEqual({ type: 'execution-denied', reason: 'rejected by support-lead: the photo shows no damage' });
    expect(gate.get(answer.call.proposalId)?.proposal).toMatchObject({ status: 'rejected', outcome: { decision: 'rejected', reason: 'the photo shows no damage' } });
    expect(oversight.call('call-1')).toMatchObject({ executed: false, effect: 'never' });
  });
});

describe('an edit, evaluated again by the policy', () => {
  it('that stays within what the lead may approve runs as edited, and only as edited', async () => {
    const gate = await refundGate();
    const { oversight, paid } = await refundDesk(gate);
    const { continueWith } = await converse(oversight, [call(refund)]);
    const edited = { ...refund, amount: 80 };

    const answer = await oversight.answer('call-1', { decision: 'edit', reviewer: lead, reason: 'half the order was fine: refund the damaged item only', editedArgs: edited });
    expect(answer.result.effect).toBe('run-edited');
    expect(answer.result.rerouted).toBeUndefined();
    expect(answer.result.runFacts).toEqual(edited);
    expect(answer.call).toMatchObject({ proposalIds: [answer.call.proposalId], runArgs: edited, status: 'approved' });
    expect(answer.response).toMatchObject({ approved: true, reason: 'approved as edited by support-lead: half the order was fine: refund the damaged item only' });

    await continueWith([answer.response]);
    expect(paid).toEqual([edited]); // the edited refund ran, never the proposed 120
    // The gate's approval is bound to the edited facts alone.
    expect(gate.authorize(answer.call.proposalId, refund).ok).toBe(false);
    expect(gate.authorize(answer.call.proposalId, edited).ok).toBe(true);
  });

  it('that makes the call riskier is routed again and runs only after the new proposal is approved by its own reviewer', async () => {
    const gate = await refundGate();
    const { oversight, paid } = await refundDesk(gate);
    const { requests, continueWith } = await converse(oversight, [call(refund)]);
    const edited = { ...refund, amount: 700 };

    const answer = await oversight.answer('call-1', { decision: 'edit', reviewer: lead, reason: 'the customer also paid for express shipping twice', editedArgs: edited });
    expect(answer.result.effect).toBe('rerouted');
    expect(answer.result.rerouted?.effect).toBe('wait');
    expect(answer.response).toBeUndefined(); // nothing to tell the AI SDK yet: the call still waits
    const rerouted = answer.call;
    expect(rerouted.proposalIds).toEqual([requests[0]!.call.proposalId, answer.result.rerouted!.proposal.id]);
    expect(rerouted).toMatchObject({ route: 'approve_before', reviewer: 'support-manager', effect: 'wait', standing: 'waits for approval by support-manager' });
    expect(rerouted.runArgs).toBeUndefined();
    expect(rerouted.reasons).toContain('manager-approval (approve_before): amount 700 >= managerApprovalMin 500');
    expect(oversight.response('call-1')).toBeUndefined();

    // The lead who edited it may not approve it, not even as the manager's role would.
    await expect(oversight.answer('call-1', { decision: 'approve', reviewer: lead })).rejects.toMatchObject({ code: 'wrong-role' });
    await expect(oversight.answer('call-1', { decision: 'approve', reviewer: { id: lead.id, role: 'support-manager' } })).rejects.toMatchObject({ code: 'self-approval' });
    expect(paid).toEqual([]);

    const approved = await oversight.answer('call-1', { decision: 'approve', reviewer: manager });
    expect(approved.response).toMatchObject({ approvalId: requests[0]!.approvalId, approved: true, reason: 'approved by support-manager after an edit' });
    await continueWith([approved.response]);
    expect(paid).toEqual([edited]);
    expect(gate.get(requests[0]!.call.proposalId)?.proposal.status).toBe('rerouted');
    expect(gate.get(approved.call.proposalId)?.proposal).toMatchObject({ status: 'approved', linkedTo: requests[0]!.call.proposalId, editedBy: lead.id });
  });

  it('that the rerouted reviewer rejects never runs, and the AI SDK hears why', async () => {
    const { oversight, paid } = await refundDesk();
    const { continueWith, messages } = await converse(oversight, [call(refund)]);
    await oversight.answer('call-1', { decision: 'edit', reviewer: lead, reason: 'four claims this quarter, not one', editedArgs: { ...refund, recentClaims: 4 } });
    expect(oversight.call('call-1')).toMatchObject({ route: 'escalate', reviewer: 'fraud-analyst' });
    const rejected = await oversight.answer('call-1', { decision: 'reject', reviewer: fraudAnalyst, reason: 'same device as three chargebacks' });
    expect(rejected.response).toMatchObject({ approved: false, reason: 'rejected by fraud-analyst: same device as three chargebacks' });
    await continueWith([rejected.response]);
    expect(paid).toEqual([]);
    expect(historyResults(messages).get('call-1')).toMatchObject({ type: 'execution-denied' });
  });

  it('is checked against the tool input schema before the gate records it', async () => {
    const gate = await refundGate();
    const { oversight } = await refundDesk(gate);
    const { requests } = await converse(oversight, [call(refund)]);
    await expect(oversight.answer('call-1', { decision: 'edit', reviewer: lead, reason: 'less', editedArgs: { ...refund, amount: -5 } })).rejects.toMatchObject({ code: 'invalid-edit' });
    await expect(oversight.answer('call-1', { decision: 'edit', reviewer: lead, reason: 'less' })).rejects.toBeInstanceOf(OversightError);
    expect(gate.get(requests[0]!.call.proposalId)?.proposal.status).toBe('pending');
  });
});

describe('deny', () => {
  it('never executes the tool: needsApproval is false and the tool returns a refusal the model reads', async () => {
    const gate = await refundGate();
    const { oversight, paid } = await refundDesk(gate);
    const elsewhere = { ...refund, refundToOriginalMethod: false };
    const { first, requests } = await converse(oversight, [call(elsewhere)]);

    expect(requests).toEqual([]);
    expect(paid).toEqual([]);
    const output = toolOutputs(first).get('call-1');
    expect(isOversightRefusal(output)).toBe(true);
    expect(output).toMatchObject({
      oversight: 'refused',
      toolName: 'issueRefund',
      route: 'deny',
      status: 'denied',
      reason: 'denied by policy support-refunds: refund-to-other-account (deny): actionType "refund" = "refund"; refundToOriginalMethod false = false',
    } satisfies Partial<OversightRefusal>);
    expect(oversight.call('call-1')).toMatchObject({ route: 'deny', status: 'denied', needsApproval: false, executed: false });
    expect(gate.get((output as OversightRefusal).proposalId)?.proposal.status).toBe('denied');
    expect(() => oversight.response('call-1')).not.toThrow();
    expect(oversight.response('call-1')).toBeUndefined();
  });
});

describe('review_after', () => {
  it('runs at once and leaves the review queued; the later answer needs no approval response', async () => {
    // support-refunds with small store credits reviewed after the fact instead of automatic.
    const policy = refundPolicy((text) => text.replace(/(id: small-store-credit[\s\S]*?route: )auto/, '$1review_after'));
    const gate = await refundGate(undefined, policy);
    const { oversight, paid } = await refundDesk(gate);
    const credit = { ...refund, actionType: 'store_credit' as const, amount: 20, reasonCode: 'goodwill' as const, irreversible: false };
    const { requests } = await converse(oversight, [call(credit)]);

    expect(requests).toEqual([]);
    expect(paid).toEqual([credit]);
    const ran = oversight.call('call-1')!;
    expect(ran).toMatchObject({ route: 'review_after', status: 'under_review', executed: true, needsApproval: false });
    expect(gate.open({ role: 'support-lead' }).map((view) => view.proposal.id)).toEqual([ran.proposalId]);

    const reviewed = await oversight.answer('call-1', { decision: 'approve', reviewer: lead });
    expect(reviewed.result.effect).toBe('stands');
    expect(reviewed.response).toBeUndefined();
    expect(gate.open()).toEqual([]);
  });
});

describe('the gate, not the AI SDK message history, decides what runs', () => {
  it('an approval response sent without a gate answer runs nothing', async () => {
    const gate = await refundGate();
    const { oversight, paid } = await refundDesk(gate);
    const { requests, continueWith, messages } = await converse(oversight, [call(refund)]);

    // A client that approves in the chat UI without going through the gate.
    await continueWith([{ type: 'tool-approval-response', approvalId: requests[0]!.approvalId, approved: true }]);
    expect(paid).toEqual([]);
    expect(historyResults(messages).get('call-1')).toMatchObject({ type: 'json', value: { oversight: 'refused', status: 'pending', reason: 'waits for approval by support-lead' } });
    expect(gate.get(requests[0]!.call.proposalId)?.proposal.status).toBe('pending');
  });

  it('a replayed approval never runs the tool twice', async () => {
    const { oversight, paid } = await refundDesk();
    const { requests, messages } = await converse(oversight, [call(refund)]);
    const answer = await oversight.answer('call-1', { decision: 'approve', reviewer: lead });
    const history = [...messages, approvalMessage([answer])];
    const model = scriptedModel([]);
    await generateText({ model, tools: oversight.tools, messages: history });
    const replay = await generateText({ model, tools: oversight.tools, messages: history });
    expect(paid).toEqual([refund]);
    expect(historyResults(replay.response.messages).get('call-1')).toMatchObject({ value: { oversight: 'refused', reason: 'tool call call-1 already ran; it never runs twice' } });
    expect(requests).toHaveLength(1);
  });

  it('a tool call id reused with other arguments is refused', async () => {
    const { oversight } = await refundDesk();
    await converse(oversight, [call(refund)]);
    await expect(converse(oversight, [call({ ...refund, amount: 30 })])).rejects.toThrow(/call-id-reused|tool call id call-1 was proposed/);
  });
});

describe('outside the generation loop', () => {
  it('two asks for the same call make one proposal', async () => {
    const gate = await refundGate();
    const { oversight } = await refundDesk(gate);
    const needsApproval = oversight.tools.issueRefund.needsApproval;
    if (typeof needsApproval !== 'function') throw new Error('the wrapped tool decides needsApproval with a function');
    const options = { toolCallId: 'call-1', messages: [] };
    expect(await Promise.all([needsApproval(refund, options), needsApproval(refund, options)])).toEqual([true, true]);
    expect([...gate.proposals()]).toHaveLength(1);
  });

  it('execute called directly proposes first: an auto refund runs, one that needs approval is refused', async () => {
    const gate = await refundGate();
    const { oversight, paid } = await refundDesk(gate);
    const execute = oversight.tools.issueRefund.execute!;
    const small = { ...refund, amount: 30 };
    expect(await execute(small, { toolCallId: 'direct-1', messages: [] })).toEqual({ refunded: 30, currency: 'USD', orderId: 'ORD-1002341' });
    expect(await execute(refund, { toolCallId: 'direct-2', messages: [] })).toMatchObject({ oversight: 'refused', status: 'pending', route: 'approve_before' });
    expect(paid).toEqual([small]);
    expect([...gate.proposals()].map((proposal) => proposal.status)).toEqual(['ran', 'pending']);
  });
});

describe('a restart between the approval request and the answer', () => {
  it('finds the call again in the gate log and runs it once approved', async () => {
    const logPath = join(mkdtempSync(join(tmpdir(), 'oversight-ai-sdk-restart-')), 'decisions.jsonl');
    const before = await refundGate(await JsonlDecisionLog.open(logPath));
    const { oversight } = await refundDesk(before);
    const { requests, messages } = await converse(oversight, [call(refund)]);
    const approvalId = requests[0]!.approvalId;
    await before.close();

    // A new process: a new gate on the same log, new tools, the history the client kept.
    const after = await refundGate(await JsonlDecisionLog.open(logPath));
    const { issueRefund, paid } = refundTool();
    const again = withOversight({ issueRefund }, { gate: after, policy: 'support-refunds', proposer: agent });
    expect(again.call('call-1')).toMatchObject({ route: 'approve_before', status: 'pending', needsApproval: true });
    await expect(again.answer('call-1', { decision: 'approve', reviewer: lead })).rejects.toMatchObject({ code: 'unknown-approval' });
    expect(again.approvalRequests(messages).map((request) => request.approvalId)).toEqual([approvalId]);

    const answer = await again.answer('call-1', { decision: 'approve', reviewer: lead });
    await generateText({ model: scriptedModel([]), tools: again.tools, messages: [...messages, approvalMessage([answer])] });
    expect(paid).toEqual([refund]);
    await after.close();
  });
});

describe('tools the adapter cannot gate', () => {
  it('refuses a tool without execute, and one that decides needsApproval itself', async () => {
    const gate = await refundGate();
    const options = { gate, policy: 'support-refunds', proposer: agent };
    const clientSide = tool({ inputSchema: z.object({ orderId: z.string() }), outputSchema: z.string() });
    expect(() => withOversight({ clientSide }, options)).toThrow(OversightError);
    const ownApproval = tool({ inputSchema: z.object({ orderId: z.string() }), needsApproval: true, execute: () => Promise.resolve('done') });
    expect(() => withOversight({ ownApproval }, options)).toThrow(/policy decides/);
  });

  it('a gate error is the gate error, with its code', async () => {
    const { oversight } = await refundDesk();
    await converse(oversight, [call(refund)]);
    const error: unknown = await oversight.answer('call-1', { decision: 'approve', reviewer: { id: agent.id, role: 'support-lead' } }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GateError);
    expect(error).toMatchObject({ code: 'self-approval' });
    await expect(oversight.answer('nope', { decision: 'approve', reviewer: lead })).rejects.toMatchObject({ code: 'unknown-call' });
  });
});

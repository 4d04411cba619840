// The full loop against the real runner: run(agent, input) → interruptions →
// answerInterruption (through the gate) → run(agent, state) resumes.
import { run, RunContext, tool, type FunctionTool } from '@openai/agents';
import { GateError, renderPacket, type Gate } from '@oversight/gate';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { answerInterruption, oversightOf, proposalFor, withOversight } from '../src/index.js';
import { AGENT, agentWith, compile, LEAD, MANAGER, newGate, OTHER_LEAD, refund, refundTool, RefundArgs, toolOutputsIn } from './support.js';

const done = { message: 'Done.' };

describe('a call the policy runs alone (auto)', () => {
  it('executes without an interruption and records the decision as ran', async () => {
    const gate = await newGate();
    const { tool: issueRefund, executed } = refundTool(gate);
    const { agent, model } = agentWith([issueRefund], [{ toolCalls: [{ name: 'issueRefund', arguments: refund(30), callId: 'call-auto' }] }, done]);

    const result = await run(agent, 'Refund the damaged mug.');

    expect(result.interruptions).toEqual([]);
    expect(result.finalOutput).toBe('Done.');
    expect(executed).toEqual([refund(30)]);
    expect(toolOutputsIn(model, 1)).toEqual({ 'call-auto': 'refunded 30 USD on ORD-1002341' });
    const view = oversightOf(issueRefund)!.proposal('call-auto')!;
    expect(view.proposal).toMatchObject({ route: 'auto', status: 'ran', decisionKey: 'openai-agents:issueRefund:call-auto' });
  });
});

describe('an approval round trip', () => {
  it('interrupts, waits for the gate, and runs the model arguments once a person approves', async () => {
    const gate = await newGate();
    const { tool: issueRefund, executed } = refundTool(gate);
    const { agent, model } = agentWith([issueRefund], [{ toolCalls: [{ name: 'issueRefund', arguments: refund(120), callId: 'call-1' }] }, done]);

    const first = await run(agent, 'Refund order ORD-1002341.');
    expect(first.interruptions).toHaveLength(1);
    expect(executed).toEqual([]);
    const waiting = gate.open();
    expect(waiting).toHaveLength(1);
    expect(waiting[0]!.proposal).toMatchObject({ route: 'approve_before', reviewer: 'support-lead', status: 'pending', facts: refund(120) });

    const interruption = first.interruptions[0]!;
    const waitingOn = await proposalFor(interruption);
    expect(waitingOn.proposal.id).toBe(waiting[0]!.proposal.id);
    expect(renderPacket(waitingOn.proposal, 'text')).toContain('refund of 120 USD on order ORD-1002341 (damaged)');
    const answered = await answerInterruption(first.state, interruption, { decision: 'approve', reviewer: LEAD });
    expect(answered.status).toBe('approved');
    expect(answered.arguments).toEqual(refund(120));
    expect(answered.current.proposal.status).toBe('approved');
    expect(executed).toEqual([]); // nothing runs until the run resumes

    const resumed = await run(agent, first.state);
    expect(resumed.interruptions).toEqual([]);
    expect(resumed.finalOutput).toBe('Done.');
    expect(executed).toEqual([refund(120)]);
    expect(toolOutputsIn(model, 1)).toEqual({ 'call-1': 'refunded 120 USD on ORD-1002341' });
    expect(gate.get(answered.current.proposal.id)!.proposal.outcome).toMatchObject({ decision: 'approved', reviewer: 'support-lead', reviewerId: LEAD.id });
  });

  it('proposes each call once: an unanswered interruption comes back on resume, bound to the same proposal', async () => {
    const gate = await newGate();
    const { tool: issueRefund, executed } = refundTool(gate);
    const { agent } = agentWith([issueRefund], [{ toolCalls: [{ name: 'issueRefund', arguments: refund(120), callId: 'call-1' }] }, done]);

    const first = await run(agent, 'Refund it.');
    const again = await run(agent, first.state);
    expect(again.interruptions).toHaveLength(1);
    expect(again.interruptions[0]!.rawItem).toMatchObject({ callId: 'call-1' });
    expect([...gate.proposals()]).toHaveLength(1);
    expect(executed).toEqual([]);
  });

  it('does not run a call approved only in the run state: the gate is what approves', async () => {
    const gate = await newGate();
    const { tool: issueRefund, executed } = refundTool(gate);
    const { agent, model } = agentWith([issueRefund], [{ toolCalls: [{ name: 'issueRefund', arguments: refund(120), callId: 'call-1' }] }, done]);

    const first = await run(agent, 'Refund it.');
    first.state.approve(first.interruptions[0]!); // around the gate
    await run(agent, first.state);

    expect(executed).toEqual([]);
    expect(toolOutputsIn(model, 1)['call-1']).toMatch(/^issueRefund was not run: decision d-0001 waits for support-lead/);
    expect(gate.get('d-0001')!.proposal.status).toBe('pending');
  });

  it('runs a call a person approved elsewhere (the review queue) when the run resumes', async () => {
    const gate = await newGate();
    const { tool: issueRefund, executed } = refundTool(gate);
    const { agent } = agentWith([issueRefund], [{ toolCalls: [{ name: 'issueRefund', arguments: refund(120), callId: 'call-1' }] }, done]);

    const first = await run(agent, 'Refund it.');
    await gate.answer('d-0001', { decision: 'approve', reviewer: LEAD });
    const resumed = await run(agent, first.state);

    expect(resumed.interruptions).toEqual([]);
    expect(executed).toEqual([refund(120)]);
  });
});

describe('a rejection', () => {
  it('never runs the call and tells the model who rejected it and why', async () => {
    const gate = await newGate();
    const { tool: issueRefund, executed } = refundTool(gate);
    const { agent, model } = agentWith([issueRefund], [{ toolCalls: [{ name: 'issueRefund', arguments: refund(300, { reasonCode: 'goodwill' }), callId: 'call-1' }] }, done]);

    const first = await run(agent, 'Refund it.');
    const interruption = first.interruptions[0]!;
    await expect(answerInterruption(first.state, interruption, { decision: 'reject', reviewer: LEAD })).rejects.toMatchObject({ code: 'reason-required' });

    const answered = await answerInterruption(first.state, interruption, { decision: 'reject', reviewer: LEAD, reason: 'goodwill cash is not for this customer; offer store credit' });
    expect(answered.status).toBe('rejected');
    const resumed = await run(agent, first.state);

    expect(resumed.finalOutput).toBe('Done.');
    expect(executed).toEqual([]);
    expect(toolOutputsIn(model, 1)['call-1']).toBe('issueRefund was not run: rejected by ana@example.com (support-lead): goodwill cash is not for this customer; offer store credit');
    expect(gate.get('d-0001')!.proposal).toMatchObject({ status: 'rejected', outcome: { decision: 'rejected', reason: 'goodwill cash is not for this customer; offer store credit', reviewerId: LEAD.id } });
  });

  it('refuses an answer from the wrong role and leaves the interruption pending', async () => {
    const gate = await newGate();
    const { tool: issueRefund, executed } = refundTool(gate);
    const { agent } = agentWith([issueRefund], [{ toolCalls: [{ name: 'issueRefund', arguments: refund(700), callId: 'call-1' }] }, done]);

    const first = await run(agent, 'Refund it.');
    const error = await answerInterruption(first.state, first.interruptions[0]!, { decision: 'approve', reviewer: LEAD }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GateError);
    expect(error).toMatchObject({ code: 'wrong-role' });
    const again = await run(agent, first.state);
    expect(again.interruptions).toHaveLength(1);
    expect(executed).toEqual([]);
  });
});

describe('an edit, evaluated by the policy again', () => {
  it('approved as edited: the resumed run executes the EDITED arguments, claimed once', async () => {
    const gate = await newGate();
    const { tool: issueRefund, executed } = refundTool(gate);
    const { agent, model } = agentWith([issueRefund], [{ toolCalls: [{ name: 'issueRefund', arguments: refund(120), callId: 'call-1' }] }, done]);

    const first = await run(agent, 'Refund it.');
    const answered = await answerInterruption(first.state, first.interruptions[0]!, {
      decision: 'edit',
      reviewer: LEAD,
      reason: 'only the lid was damaged',
      editedArguments: refund(80),
    });
    expect(answered.status).toBe('edited');
    expect(answered.arguments).toEqual(refund(80));
    expect(answered.current).toMatchObject({ effect: 'run-edited', runFacts: refund(80) });

    await run(agent, first.state);
    expect(executed).toEqual([refund(80)]);
    expect(toolOutputsIn(model, 1)['call-1']).toBe('refunded 80 USD on ORD-1002341');
    expect(gate.authorize('d-0001', refund(120)).ok).toBe(false);
    expect(gate.authorize('d-0001', refund(80))).toMatchObject({ ok: false, code: 'already-executed' });
    expect(gate.get('d-0001')!.proposal.outcome).toMatchObject({ decision: 'edited', editedFacts: refund(80), reviewerId: LEAD.id });
  });

  it('riskier: routed again as a new proposal; the call runs only once that one is approved, with the edited arguments', async () => {
    const gate = await newGate();
    const { tool: issueRefund, executed } = refundTool(gate);
    const { agent, model } = agentWith([issueRefund], [{ toolCalls: [{ name: 'issueRefund', arguments: refund(120), callId: 'call-1' }] }, done]);

    const first = await run(agent, 'Refund it.');
    const edited = await answerInterruption(first.state, first.interruptions[0]!, {
      decision: 'edit',
      reviewer: LEAD,
      reason: 'the whole set arrived broken',
      editedArguments: refund(700),
    });
    expect(edited.status).toBe('rerouted');
    expect(edited.answer.effect).toBe('rerouted');
    expect(edited.current.proposal).toMatchObject({ id: 'd-0002', linkedTo: 'd-0001', editedBy: LEAD.id, route: 'approve_before', reviewer: 'support-manager', status: 'pending', facts: refund(700) });

    // Resuming does not run it: the interruption comes back, now bound to the new proposal.
    const second = await run(agent, first.state);
    expect(executed).toEqual([]);
    expect(second.interruptions).toHaveLength(1);
    expect(oversightOf(issueRefund)!.proposal('call-1')!.proposal.id).toBe('d-0002');

    // The editor may not approve their own edit; a lead cannot approve what needs a manager.
    await expect(answerInterruption(second.state, second.interruptions[0]!, { decision: 'approve', reviewer: { ...LEAD, role: 'support-manager' } })).rejects.toMatchObject({ code: 'self-approval' });
    await expect(answerInterruption(second.state, second.interruptions[0]!, { decision: 'approve', reviewer: OTHER_LEAD })).rejects.toMatchObject({ code: 'wrong-role' });

    const approved = await answerInterruption(second.state, second.interruptions[0]!, { decision: 'approve', reviewer: MANAGER });
    expect(approved.status).toBe('approved');
    expect(approved.arguments).toEqual(refund(700));
    const resumed = await run(agent, second.state);

    expect(resumed.finalOutput).toBe('Done.');
    expect(executed).toEqual([refund(700)]);
    expect(toolOutputsIn(model, 1)['call-1']).toBe('refunded 700 USD on ORD-1002341');
    expect(gate.get('d-0001')!.proposal).toMatchObject({ status: 'rerouted', reroutedTo: 'd-0002' });
    expect(gate.get('d-0002')!.proposal).toMatchObject({ status: 'approved', outcome: { reviewerId: MANAGER.id } });
  });

  it('denied as edited: the interruption is rejected and the call never runs', async () => {
    const gate = await newGate();
    const { tool: issueRefund, executed } = refundTool(gate);
    const { agent, model } = agentWith([issueRefund], [{ toolCalls: [{ name: 'issueRefund', arguments: refund(120), callId: 'call-1' }] }, done]);

    const first = await run(agent, 'Refund it.');
    const edited = await answerInterruption(first.state, first.interruptions[0]!, {
      decision: 'edit',
      reviewer: LEAD,
      reason: 'customer asked for a different card',
      editedArguments: refund(120, { refundToOriginalMethod: false }),
    });
    expect(edited.status).toBe('rejected');
    expect(edited.current.proposal).toMatchObject({ route: 'deny', status: 'denied', linkedTo: 'd-0001' });

    await run(agent, first.state);
    expect(executed).toEqual([]);
    expect(toolOutputsIn(model, 1)['call-1']).toBe('issueRefund was not run: policy support-refunds denies it (rules matched: refund-to-other-account, refund-needs-approval)');
  });

  it('validates edited arguments against the tool schema before the gate sees them', async () => {
    const gate = await newGate();
    const { tool: issueRefund } = refundTool(gate);
    const { agent } = agentWith([issueRefund], [{ toolCalls: [{ name: 'issueRefund', arguments: refund(120), callId: 'call-1' }] }, done]);

    const first = await run(agent, 'Refund it.');
    await expect(answerInterruption(first.state, first.interruptions[0]!, { decision: 'edit', reviewer: LEAD, reason: 'typo', editedArguments: { amount: 'eighty' } })).rejects.toThrow();
    await expect(answerInterruption(first.state, first.interruptions[0]!, { decision: 'edit', reviewer: LEAD, reason: 'typo' })).rejects.toMatchObject({ code: 'edited-facts-required' });
    expect(gate.get('d-0001')!.proposal.status).toBe('pending');
  });
});

describe('a denied call', () => {
  it('never executes, never interrupts, and the model receives the refusal', async () => {
    const gate = await newGate();
    const { tool: issueRefund, executed } = refundTool(gate);
    const { agent, model } = agentWith([issueRefund], [{ toolCalls: [{ name: 'issueRefund', arguments: refund(3000), callId: 'call-1' }] }, done]);

    const result = await run(agent, 'Refund it.');

    expect(result.interruptions).toEqual([]);
    expect(result.finalOutput).toBe('Done.');
    expect(executed).toEqual([]);
    expect(toolOutputsIn(model, 1)['call-1']).toBe('issueRefund was not run: policy support-refunds denies it (rules matched: above-hard-cap, manager-approval, refund-needs-approval)');
    expect(gate.get('d-0001')!.proposal).toMatchObject({ route: 'deny', status: 'denied' });
  });
});

describe('arguments the tool schema refuses', () => {
  it('are neither proposed nor executed: the model is told they are invalid', async () => {
    const gate = await newGate();
    const { tool: issueRefund, executed } = refundTool(gate);
    const { agent, model } = agentWith([issueRefund], [{ toolCalls: [{ name: 'issueRefund', arguments: { ...refund(120), amount: 'lots' }, callId: 'call-1' }] }, done]);

    const result = await run(agent, 'Refund it.');

    expect(result.interruptions).toEqual([]);
    expect(executed).toEqual([]);
    expect([...gate.proposals()]).toEqual([]);
    expect(toolOutputsIn(model, 1)['call-1']).toMatch(/error/i);
  });
});

describe('an escalation', () => {
  it('leaves the interruption waiting for the role above; the call runs once that role approves', async () => {
    const gate = await newGate();
    const { tool: issueRefund, executed } = refundTool(gate);
    const { agent } = agentWith([issueRefund], [{ toolCalls: [{ name: 'issueRefund', arguments: refund(120), callId: 'call-1' }] }, done]);

    const first = await run(agent, 'Refund it.');
    const escalated = await answerInterruption(first.state, first.interruptions[0]!, { decision: 'escalate', reviewer: LEAD, reason: 'this customer is a key account' });
    expect(escalated.status).toBe('waiting');
    expect(escalated.current.proposal).toMatchObject({ status: 'pending', reviewer: 'support-manager' });

    const second = await run(agent, first.state);
    expect(second.interruptions).toHaveLength(1);
    expect(executed).toEqual([]);
    await expect(answerInterruption(second.state, second.interruptions[0]!, { decision: 'approve', reviewer: OTHER_LEAD })).rejects.toMatchObject({ code: 'wrong-role' });
    expect((await answerInterruption(second.state, second.interruptions[0]!, { decision: 'approve', reviewer: MANAGER })).status).toBe('approved');
    await run(agent, second.state);
    expect(executed).toEqual([refund(120)]);
  });
});

describe('the refusal the model receives', () => {
  it('is whatever the refusal option returns', async () => {
    const gate = await newGate();
    const refusals: string[] = [];
    const issueRefund = withOversight(
      { name: 'issueRefund', description: 'Refund a customer.', parameters: RefundArgs, execute: () => 'refunded' },
      {
        gate,
        policy: 'support-refunds',
        proposer: AGENT,
        refusal: (refusal) => {
          refusals.push(`${refusal.reason}:${refusal.proposal?.proposal.id ?? ''}`);
          return JSON.stringify({ ok: false, reason: refusal.reason });
        },
      },
    );
    const { agent, model } = agentWith([issueRefund], [{ toolCalls: [{ name: 'issueRefund', arguments: refund(3000), callId: 'call-1' }] }, done]);

    await run(agent, 'Refund it.');
    expect(refusals).toEqual(['denied:d-0001']);
    expect(toolOutputsIn(model, 1)['call-1']).toBe('{"ok":false,"reason":"denied"}');
  });
});

describe('several calls in one turn', () => {
  it('runs the automatic one, refuses the denied one, and interrupts only for the one that needs a person', async () => {
    const gate = await newGate();
    const { tool: issueRefund, executed } = refundTool(gate);
    const { agent, model } = agentWith(
      [issueRefund],
      [
        {
          toolCalls: [
            { name: 'issueRefund', arguments: refund(20), callId: 'call-a' },
            { name: 'issueRefund', arguments: refund(150), callId: 'call-b' },
            { name: 'issueRefund', arguments: refund(40, { refundToOriginalMethod: false }), callId: 'call-c' },
          ],
        },
        done,
      ],
    );

    const first = await run(agent, 'Refund all three.');
    expect(first.interruptions.map((item) => item.rawItem)).toMatchObject([{ callId: 'call-b' }]);
    expect(executed).toEqual([refund(20)]);

    await answerInterruption(first.state, first.interruptions[0]!, { decision: 'approve', reviewer: LEAD });
    await run(agent, first.state);
    expect(executed).toEqual([refund(20), refund(150)]);
    expect(Object.keys(toolOutputsIn(model, 1)).sort()).toEqual(['call-a', 'call-b', 'call-c']);
    expect(toolOutputsIn(model, 1)['call-c']).toMatch(/denies it \(rules matched: refund-to-other-account/);
  });
});

describe('review_after', () => {
  const CRM = compile(`apiVersion: oversight/v1
kind: RoutingPolicy
metadata: { name: crm-updates, version: 1, owner: revenue-operations }
spec:
  default: approve_before
  onError: approve_before
  onTimeout: reject
  reviewer: sales-ops
  facts:
    field: { type: string, enum: [phone, email, stage] }
    value: { type: string }
    confidence: { type: number, minimum: 0, maximum: 1 }
  reviewers:
    sales-ops: { sla: 1d }
  rules:
    - id: confident-update
      when: { fact: confidence, operator: greaterThanInclusive, value: 0.8 }
      route: review_after
      reviewer: sales-ops
`);

  it('executes at once and leaves the review queued in the gate', async () => {
    const gate = await newGate([CRM]);
    const updates: unknown[] = [];
    const updateContact = withOversight(
      tool({
        name: 'updateContact',
        description: 'Update a CRM contact field.',
        parameters: { type: 'object', properties: { field: { type: 'string' }, value: { type: 'string' }, confidence: { type: 'number' } }, required: ['field', 'value', 'confidence'], additionalProperties: false },
        execute: (args) => {
          updates.push(args);
          return 'updated';
        },
      }),
      { gate, policy: 'crm-updates', proposer: AGENT },
    );
    const { agent } = agentWith([updateContact], [{ toolCalls: [{ name: 'updateContact', arguments: { field: 'email', value: 'a@example.com', confidence: 0.93 }, callId: 'call-1' }] }, done]);

    const result = await run(agent, 'Fix the email.');

    expect(result.interruptions).toEqual([]);
    expect(updates).toEqual([{ field: 'email', value: 'a@example.com', confidence: 0.93 }]);
    const queued = gate.open({ role: 'sales-ops' });
    expect(queued.map((view) => view.proposal)).toMatchObject([{ route: 'review_after', status: 'under_review' }]);
  });
});

describe('a tool built before it was put under oversight', () => {
  it('runs a person’s edit through the tool’s own invoke (its schema parses the edited JSON)', async () => {
    const gate = await newGate();
    const executed: RefundArgs[] = [];
    const built = tool({
      name: 'issueRefund',
      description: 'Refund a customer.',
      parameters: RefundArgs,
      needsApproval: false,
      execute: (args) => {
        executed.push(args);
        return `refunded ${args.amount}`;
      },
    });
    const issueRefund = withOversight(built, { gate, policy: 'support-refunds', proposer: AGENT });
    const { agent, model } = agentWith([issueRefund], [{ toolCalls: [{ name: 'issueRefund', arguments: refund(120), callId: 'call-1' }] }, done]);

    const first = await run(agent, 'Refund it.');
    expect(first.interruptions).toHaveLength(1);
    await answerInterruption(first.state, first.interruptions[0]!, { decision: 'edit', reviewer: LEAD, reason: 'partial damage', editedArguments: refund(60) });
    await run(agent, first.state);

    expect(executed).toEqual([refund(60)]);
    expect(toolOutputsIn(model, 1)['call-1']).toBe('refunded 60');
  });
});

describe('a facts mapping (the arguments are not the facts)', () => {
  const RECENT_CLAIMS: Record<string, number> = { 'ORD-1002341': 0, 'ORD-7777777': 5 };
  const Args = z.object({ orderId: z.string(), amount: z.number(), reasonCode: z.enum(['damaged', 'not_received', 'goodwill']) });
  type Args = z.infer<typeof Args>;

  function mappedTool(gate: Gate): { executed: Args[]; issueRefund: FunctionTool<unknown, typeof Args> } {
    const executed: Args[] = [];
    const issueRefund = withOversight<typeof Args>(
      {
        name: 'issueRefund',
        description: 'Refund an order to the card it was paid with.',
        parameters: Args,
        execute: (args) => {
          executed.push(args);
          return `refunded ${args.amount}`;
        },
      },
      {
        gate,
        policy: 'support-refunds',
        proposer: AGENT,
        facts: (args) => ({ actionType: 'refund', currency: 'USD', confidence: 0.95, recentClaims: RECENT_CLAIMS[args.orderId] ?? 0, refundToOriginalMethod: true, irreversible: true, ...args }),
      },
    );
    return { executed, issueRefund };
  }

  it('maps edited arguments to facts and runs the edited arguments', async () => {
    const gate = await newGate();
    const { issueRefund, executed } = mappedTool(gate);
    const { agent } = agentWith([issueRefund], [{ toolCalls: [{ name: 'issueRefund', arguments: { orderId: 'ORD-1002341', amount: 120, reasonCode: 'damaged' }, callId: 'call-1' }] }, done]);

    const first = await run(agent, 'Refund it.');
    expect(gate.get('d-0001')!.proposal.facts).toMatchObject({ amount: 120, recentClaims: 0, currency: 'USD' });
    const answered = await answerInterruption(first.state, first.interruptions[0]!, { decision: 'edit', reviewer: LEAD, reason: 'half', editedArguments: { orderId: 'ORD-1002341', amount: 60, reasonCode: 'damaged' } });
    expect(answered.status).toBe('edited');
    await run(agent, first.state);

    expect(executed).toEqual([{ orderId: 'ORD-1002341', amount: 60, reasonCode: 'damaged' }]);
  });

  it('routes a repeat claimant to the fraud team (escalate), who must approve first', async () => {
    const gate = await newGate();
    const { issueRefund, executed } = mappedTool(gate);
    const { agent } = agentWith([issueRefund], [{ toolCalls: [{ name: 'issueRefund', arguments: { orderId: 'ORD-7777777', amount: 40, reasonCode: 'not_received' }, callId: 'call-1' }] }, done]);

    const first = await run(agent, 'Refund it.');
    expect(first.interruptions).toHaveLength(1);
    expect(gate.get('d-0001')!.proposal).toMatchObject({ route: 'escalate', reviewer: 'fraud-analyst' });
    await expect(answerInterruption(first.state, first.interruptions[0]!, { decision: 'approve', reviewer: LEAD })).rejects.toMatchObject({ code: 'wrong-role' });
    const answered = await answerInterruption(first.state, first.interruptions[0]!, { decision: 'approve', reviewer: { id: 'fay@example.com', role: 'fraud-analyst' } });
    expect(answered.status).toBe('approved');
    await run(agent, first.state);

    expect(executed).toEqual([{ orderId: 'ORD-7777777', amount: 40, reasonCode: 'not_received' }]);
  });
});

describe('a tool invoked outside the runner (no needsApproval first)', () => {
  const call = (callId: string, args: unknown) => ({ toolCall: { type: 'function_call' as const, callId, name: 'issueRefund', arguments: JSON.stringify(args) } });

  it('proposes on its own, runs what the policy runs alone, never the same call twice, and refuses what needs a person', async () => {
    const gate = await newGate();
    const { tool: issueRefund, executed } = refundTool(gate);
    const context = new RunContext();

    expect(await issueRefund.invoke(context, JSON.stringify(refund(30)), call('call-x', refund(30)))).toBe('refunded 30 USD on ORD-1002341');
    expect(await issueRefund.invoke(context, JSON.stringify(refund(30)), call('call-x', refund(30)))).toBe('issueRefund was not run again: call call-x already ran under decision d-0001');
    expect(await issueRefund.invoke(context, JSON.stringify(refund(120)), call('call-y', refund(120)))).toBe('issueRefund was not run: decision d-0002 waits for support-lead to approve it in the gate');
    expect(executed).toEqual([refund(30)]);
  });
});

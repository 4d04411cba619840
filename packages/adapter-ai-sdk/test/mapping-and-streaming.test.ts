import { generateText, streamText, tool, type ModelMessage } from 'ai';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { approvalMessage, withOversight, type FactsMapping } from '../src/index.js';
import { scriptedModel } from '../examples/scripted-model.js';
import { agent, lead, refund, refundGate, refundTool } from './support.js';

// A tool whose arguments are not the policy's facts: the caller's mapping makes them so.
const creditArgs = z.object({ order: z.string(), cents: z.number().int().positive(), why: z.enum(['damaged', 'late_delivery']) });
type CreditArgs = z.infer<typeof creditArgs>;
const creditFacts: FactsMapping = (_toolName, args) => {
  const { order, cents, why } = args as CreditArgs;
  return { actionType: 'refund', amount: cents / 100, currency: 'USD', orderId: order, reasonCode: why, confidence: 0.95, recentClaims: 0, refundToOriginalMethod: true, irreversible: true };
};

function creditTool() {
  const ran: CreditArgs[] = [];
  const refundCents = tool({
    inputSchema: creditArgs,
    execute: (args: CreditArgs) => {
      ran.push(args);
      return Promise.resolve({ ok: true, cents: args.cents });
    },
    toModelOutput: ({ output }) => ({ type: 'text', value: `refunded ${output.cents} cents` }),
  });
  return { refundCents, ran };
}

describe('a facts mapping', () => {
  it('judges the mapped facts, and an approved edit runs with the edited arguments', async () => {
    const gate = await refundGate();
    const { refundCents, ran } = creditTool();
    const oversight = withOversight({ refundCents }, { gate, policy: 'support-refunds', proposer: agent, facts: creditFacts });
    const model = scriptedModel([[{ toolCallId: 'c-1', toolName: 'refundCents', input: { order: 'ORD-1002341', cents: 12000, why: 'damaged' } }]]);
    const messages: ModelMessage[] = [{ role: 'user', content: 'refund it' }];
    const first = await generateText({ model, tools: oversight.tools, messages });
    messages.push(...first.response.messages);

    const [request] = oversight.approvalRequests(first.content);
    expect(request?.call).toMatchObject({ route: 'approve_before', facts: { amount: 120, orderId: 'ORD-1002341' } });
    const answer = await oversight.answer('c-1', { decision: 'edit', reviewer: lead, reason: 'only one item was damaged', editedArgs: { order: 'ORD-1002341', cents: 8000, why: 'damaged' } });
    expect(answer.result.effect).toBe('run-edited');
    expect(answer.result.runFacts).toMatchObject({ amount: 80 });
    messages.push(approvalMessage([answer]));
    const next = await generateText({ model, tools: oversight.tools, messages });
    expect(ran).toEqual([{ order: 'ORD-1002341', cents: 8000, why: 'damaged' }]);
    // The tool's own toModelOutput still shapes what the model reads.
    expect(next.text).toBe('refundCents: {"type":"text","value":"refunded 8000 cents"}');
  });

  it("keeps the tool's toModelOutput away from a refusal: the model reads the refusal as JSON", async () => {
    const gate = await refundGate();
    const { refundCents, ran } = creditTool();
    const denyAll: FactsMapping = (toolName, args) => ({ ...creditFacts(toolName, args), refundToOriginalMethod: false });
    const oversight = withOversight({ refundCents }, { gate, policy: 'support-refunds', proposer: agent, facts: denyAll });
    const model = scriptedModel([[{ toolCallId: 'c-1', toolName: 'refundCents', input: { order: 'ORD-1002341', cents: 12000, why: 'damaged' } }]]);
    const first = await generateText({ model, tools: oversight.tools, prompt: 'refund it' });
    expect(ran).toEqual([]);
    const toolMessage = first.response.messages.find((message) => message.role === 'tool');
    expect(toolMessage?.content[0]).toMatchObject({ type: 'tool-result', output: { type: 'json', value: { oversight: 'refused', route: 'deny', status: 'denied' } } });
  });
});

describe('streamText', () => {
  it('streams the approval request with the same gate decision, and runs the call once approved', async () => {
    const gate = await refundGate();
    const { issueRefund, paid } = refundTool();
    const oversight = withOversight({ issueRefund }, { gate, policy: 'support-refunds', proposer: agent });
    const model = scriptedModel([[{ toolCallId: 'call-1', toolName: 'issueRefund', input: refund }]]);
    const messages: ModelMessage[] = [{ role: 'user', content: 'refund it' }];

    const first = streamText({ model, tools: oversight.tools, messages });
    const parts = [];
    for await (const part of first.fullStream) parts.push(part);
    const [request] = oversight.approvalRequests(parts);
    expect(request?.call).toMatchObject({ route: 'approve_before', reviewer: 'support-lead' });
    expect(paid).toEqual([]);
    messages.push(...(await first.response).messages);

    const answer = await oversight.answer('call-1', { decision: 'approve', reviewer: lead });
    messages.push(approvalMessage([answer]));
    const next = streamText({ model, tools: oversight.tools, messages });
    expect(await next.text).toBe('issueRefund: {"type":"json","value":{"refunded":120,"currency":"USD","orderId":"ORD-1002341"}}');
    expect(paid).toEqual([refund]);
  });
});

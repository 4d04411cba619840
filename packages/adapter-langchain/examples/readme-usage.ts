// The README's usage example, kept here so `tsc` checks it (it is not run: it needs an OpenAI key).
import { readFileSync } from 'node:fs';
import { Command, MemorySaver } from '@langchain/langgraph';
import { compilePolicy, loadPolicy } from '@oversight/core';
import { createGate, JsonlDecisionLog } from '@oversight/gate';
import { oversightMiddleware, type OversightRequest, type OversightResponse } from '@oversight/langchain';
import { createAgent, tool } from 'langchain';

const loaded = loadPolicy(readFileSync('policies/support-refunds.yaml', 'utf8'), 'policies/support-refunds.yaml');
if (!loaded.ok) throw new Error('the policy does not load');
const gate = await createGate({ policies: [compilePolicy(loaded.policy)], store: await JsonlDecisionLog.open('decisions.jsonl') });

// The tool's arguments become the policy's facts (here with two constants added).
const issueRefund = tool((args: { orderId: string; amount: number; currency: string }) => `refunded ${args.amount} ${args.currency} on ${args.orderId}`, {
  name: 'issueRefund',
  description: 'Refund a customer for an order, to the card it was paid with unless told otherwise.',
  schema: {
    type: 'object',
    properties: {
      orderId: { type: 'string' }, amount: { type: 'number' }, currency: { type: 'string' }, reasonCode: { type: 'string' },
      confidence: { type: 'number' }, recentClaims: { type: 'integer' }, refundToOriginalMethod: { type: 'boolean' },
    },
    required: ['orderId', 'amount', 'currency', 'reasonCode', 'confidence', 'recentClaims', 'refundToOriginalMethod'],
  },
});

const agent = createAgent({
  model: 'openai:gpt-4.1',
  tools: [issueRefund],
  middleware: [
    oversightMiddleware({
      gate,
      policy: 'support-refunds',
      proposer: { id: 'refund-agent', kind: 'agent' },
      facts: ({ args }) => ({ actionType: 'refund', irreversible: true, ...args }),
    }),
  ],
  checkpointer: new MemorySaver(), // interrupts need a checkpointer and a thread_id
});

const config = { configurable: { thread_id: 'ticket-8841' } };
const result = await agent.invoke({ messages: [{ role: 'user', content: 'My blender arrived broken (ORD-1002341): please refund the 120 USD.' }] }, config);
const request = result.__interrupt__?.[0]?.value as OversightRequest | undefined;
if (request) {
  // Show each action's packet (request.actionRequests[i].description) to the reviewer; resume with the answer.
  const response: OversightResponse = {
    reviewer: { id: 'ana@example.com', role: 'support-lead' },
    decisions: request.actionRequests.map(() => ({ type: 'approve' as const })),
  };
  await agent.invoke(new Command({ resume: response }), config);
}
await gate.close();

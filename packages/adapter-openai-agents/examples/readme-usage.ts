import { readFileSync } from 'node:fs';
import { Agent, run } from '@openai/agents';
import { compilePolicy, loadPolicy } from '@oversight/core';
import { createGate, JsonlDecisionLog, renderPacket } from '@oversight/gate';
import { answerInterruption, proposalFor, withOversight } from '@oversight/openai-agents';

const loaded = loadPolicy(readFileSync('policies/support-refunds.yaml', 'utf8'), 'policies/support-refunds.yaml');
if (!loaded.ok) throw new Error('the policy does not load');
const gate = await createGate({ policies: [compilePolicy(loaded.policy)], store: await JsonlDecisionLog.open('decisions.jsonl') });

// The tool's arguments are the policy's facts (or pass `facts: (args) => ({ ... })`).
const issueRefund = withOversight(
  {
    name: 'issueRefund',
    description: 'Refund (or credit) a customer for an order.',
    parameters: {
      type: 'object',
      properties: {
        actionType: { type: 'string', enum: ['refund', 'store_credit'] },
        amount: { type: 'number' },
        currency: { type: 'string', enum: ['USD', 'EUR', 'GBP', 'CAD', 'AUD'] },
        orderId: { type: 'string' },
        reasonCode: { type: 'string', enum: ['damaged', 'not_received', 'wrong_item', 'late_delivery', 'quality', 'goodwill', 'other'] },
        confidence: { type: 'number' },
        recentClaims: { type: 'integer' },
        refundToOriginalMethod: { type: 'boolean' },
        irreversible: { type: 'boolean' },
      },
      required: ['actionType', 'amount', 'currency', 'orderId', 'reasonCode', 'confidence', 'recentClaims', 'refundToOriginalMethod', 'irreversible'],
      additionalProperties: false,
    },
    execute: (args) => `refund issued: ${JSON.stringify(args)}`,
  },
  { gate, policy: 'support-refunds', proposer: { id: 'refund-agent', kind: 'agent' } },
);

const agent = new Agent({ name: 'support-agent', instructions: 'Resolve refund requests.', tools: [issueRefund] });
let result = await run(agent, 'Order ORD-1002341 arrived broken; refund the 120 USD.');
while (result.interruptions.length > 0) {
  for (const interruption of result.interruptions) {
    const waiting = await proposalFor(interruption);
    console.log(renderPacket(waiting.proposal, 'text')); // show this to the reviewer, then pass on their answer:
    await answerInterruption(result.state, interruption, {
      decision: 'edit',
      reviewer: { id: 'ana@example.com', role: 'support-lead' },
      reason: 'only the lid was damaged',
      editedArguments: { ...waiting.proposal.facts, amount: 40 },
    });
  }
  result = await run(agent, result.state); // runs what the gate approved, with the edited arguments
}
console.log(result.finalOutput);
await gate.close();

// The AI SDK's type definitions name the fetch API's DOM types (HeadersInit, FileList):
// with skipLibCheck off, a Node project without "DOM" in lib needs this line.
/// <reference lib="dom" />
import { readFileSync } from 'node:fs';
import { compilePolicy, loadPolicy } from '@oversight/core';
import { createGate, JsonlDecisionLog } from '@oversight/gate';
import { approvalMessage, withOversight } from '@oversight/ai-sdk';
import { generateText, jsonSchema, tool, type LanguageModel, type ModelMessage } from 'ai';

type Refund = {
  actionType: 'refund' | 'store_credit';
  amount: number;
  currency: string;
  orderId: string;
  reasonCode: string;
  confidence: number;
  recentClaims: number;
  refundToOriginalMethod: boolean;
  irreversible: boolean;
};

// The agent's tool as you would write it anyway; its arguments are the policy's facts.
const issueRefund = tool({
  description: 'Refund or credit a customer for an order',
  inputSchema: jsonSchema<Refund>({
    type: 'object',
    properties: {
      actionType: { type: 'string', enum: ['refund', 'store_credit'] },
      amount: { type: 'number' },
      currency: { type: 'string' },
      orderId: { type: 'string' },
      reasonCode: { type: 'string' },
      confidence: { type: 'number' },
      recentClaims: { type: 'integer' },
      refundToOriginalMethod: { type: 'boolean' },
      irreversible: { type: 'boolean' },
    },
    required: ['actionType', 'amount', 'currency', 'orderId', 'reasonCode', 'confidence', 'recentClaims', 'refundToOriginalMethod', 'irreversible'],
  }),
  execute: (refund) => Promise.resolve({ refunded: refund.amount, orderId: refund.orderId }),
});

export async function refundAgent(model: LanguageModel, policyFile: string, logFile: string): Promise<string> {
  const loaded = loadPolicy(readFileSync(policyFile, 'utf8'), policyFile);
  if (!loaded.ok) throw new Error(`${policyFile} does not load`);
  const gate = await createGate({ policies: [compilePolicy(loaded.policy)], store: await JsonlDecisionLog.open(logFile) });
  const oversight = withOversight({ issueRefund }, { gate, policy: 'support-refunds', proposer: { id: 'refund-agent', kind: 'agent' } });

  const messages: ModelMessage[] = [{ role: 'user', content: 'Order ORD-1002341 arrived damaged: refund the 120 USD.' }];
  const first = await generateText({ model, tools: oversight.tools, messages });
  messages.push(...first.response.messages);

  // Each approval request carries the gate's decision: route, reasons, reviewer, review packet.
  const answers = [];
  for (const request of oversight.approvalRequests(first.content)) {
    console.log(request.call.route, request.call.reviewer, request.call.reasons);
    // Your review queue asks a person; here the team lead approves.
    answers.push(await oversight.answer(request.toolCallId, { decision: 'approve', reviewer: { id: 'ana@example.com', role: 'support-lead' } }));
  }
  // The approved refund runs now, after gate.authorize for exactly its arguments.
  messages.push(approvalMessage(answers));
  const second = await generateText({ model, tools: oversight.tools, messages });
  await gate.close();
  return second.text;
}

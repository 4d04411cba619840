// A support agent (OpenAI Agents JS, driven by a scripted model: no API key)
// whose refund tool is routed by the shipped support-refunds policy. A scripted
// reviewer answers each interruption through the gate; every proposal and
// answer lands in a fsync'd, hash-chained JSONL decision log.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Agent, run, setTracingDisabled, type ModelRequest } from '@openai/agents';
import { compilePolicy, loadPolicy } from '@oversight/core';
import { createGate, JsonlDecisionLog, type Proposal } from '@oversight/gate';
import { z } from 'zod';
import { answerInterruption, proposalFor, ScriptedModel, withOversight, type InterruptionAnswer, type InterruptionStatus } from '../src/index.js';

const RefundArgs = z.object({
  actionType: z.enum(['refund', 'store_credit']),
  amount: z.number(),
  currency: z.enum(['USD', 'EUR', 'GBP', 'CAD', 'AUD']),
  orderId: z.string(),
  reasonCode: z.enum(['damaged', 'not_received', 'wrong_item', 'late_delivery', 'quality', 'goodwill', 'other']),
  confidence: z.number(),
  recentClaims: z.number().int(),
  refundToOriginalMethod: z.boolean(),
  irreversible: z.boolean(),
});
type RefundArgs = z.infer<typeof RefundArgs>;

function refund(orderId: string, amount: number, changes: Partial<RefundArgs> = {}): RefundArgs {
  return { actionType: 'refund', amount, currency: 'USD', orderId, reasonCode: 'damaged', confidence: 0.97, recentClaims: 0, refundToOriginalMethod: true, irreversible: true, ...changes };
}

/** What the model asks for: six refunds in one turn, then a summary of what it was told. */
const CALLS = [
  { callId: 'call_small', arguments: refund('ORD-1000001', 30) }, // auto
  { callId: 'call_lead', arguments: refund('ORD-1000002', 120) }, // approve_before: a lead approves
  { callId: 'call_goodwill', arguments: refund('ORD-1000003', 300, { reasonCode: 'goodwill' }) }, // approve_before: rejected
  { callId: 'call_other_card', arguments: refund('ORD-1000004', 45, { refundToOriginalMethod: false }) }, // deny
  { callId: 'call_large', arguments: refund('ORD-1000005', 900) }, // approve_before (manager): edited down, approved as edited
  { callId: 'call_both_items', arguments: refund('ORD-1000006', 200, { reasonCode: 'wrong_item' }) }, // edited up by a lead: routed to a manager
];

const LEAD = { id: 'ana@example.com', role: 'support-lead' };
const MANAGER = { id: 'maria@example.com', role: 'support-manager' };

/** The scripted reviewer: answers as the role the proposal waits for would. */
function review(proposal: Proposal): InterruptionAnswer {
  const args = RefundArgs.parse(proposal.facts);
  if (args.reasonCode === 'goodwill') return { decision: 'reject', reviewer: LEAD, reason: 'goodwill is paid as store credit, not cash' };
  if (proposal.linkedTo !== undefined) return { decision: 'approve', reviewer: MANAGER };
  if (args.reasonCode === 'wrong_item') return { decision: 'edit', reviewer: LEAD, reason: 'both items were wrong: refund the whole order', editedArguments: { ...args, amount: 600 } };
  if (proposal.reviewer === 'support-manager') return { decision: 'edit', reviewer: MANAGER, reason: 'only half of the order was damaged', editedArguments: { ...args, amount: args.amount / 2 } };
  return { decision: 'approve', reviewer: LEAD };
}

export interface ExampleReport {
  logPath: string;
  /** Each interruption answered: call id, the reviewer's decision, and what it did. */
  answers: { callId: string; decision: string; by: string; status: InterruptionStatus }[];
  /** The refunds the tool really executed. */
  executed: { orderId: string; amount: number }[];
  proposals: Proposal[];
  finalOutput: string | undefined;
}

export async function runRefundDesk(options: { dir?: string; policyPath?: string } = {}): Promise<ExampleReport> {
  setTracingDisabled(true);
  const policyPath = options.policyPath ?? fileURLToPath(new URL('../../../policies/support-refunds.yaml', import.meta.url));
  const loaded = loadPolicy(readFileSync(policyPath, 'utf8'), policyPath);
  if (!loaded.ok) throw new Error(`${policyPath} does not load`);
  const logPath = join(options.dir ?? mkdtempSync(join(tmpdir(), 'openai-agents-refund-desk-')), 'decisions.jsonl');
  const gate = await createGate({ policies: [compilePolicy(loaded.policy)], store: await JsonlDecisionLog.open(logPath) });

  const executed: ExampleReport['executed'] = [];
  const issueRefund = withOversight(
    {
      name: 'issueRefund',
      description: 'Refund (or credit) a customer for an order.',
      parameters: RefundArgs,
      execute: (args: RefundArgs) => {
        executed.push({ orderId: args.orderId, amount: args.amount });
        return `refunded ${args.amount} ${args.currency} on ${args.orderId}`;
      },
    },
    { gate, policy: 'support-refunds', proposer: { id: 'refund-agent', kind: 'agent' } },
  );
  const model = new ScriptedModel([{ toolCalls: CALLS.map((call) => ({ name: 'issueRefund', ...call })) }, (request) => ({ message: summary(request) })]);
  const agent = new Agent({ name: 'support-agent', instructions: 'Resolve the refund requests in the queue.', model, tools: [issueRefund] });

  const answers: ExampleReport['answers'] = [];
  let result = await run(agent, 'Work through the refund requests in the queue.');
  while (result.interruptions.length > 0) {
    for (const interruption of result.interruptions) {
      const waiting = await proposalFor(interruption);
      const answer = review(waiting.proposal);
      const answered = await answerInterruption(result.state, interruption, answer);
      answers.push({ callId: interruption.rawItem.type === 'function_call' ? interruption.rawItem.callId : '?', decision: answer.decision, by: answer.reviewer?.id ?? '?', status: answered.status });
    }
    result = await run(agent, result.state);
  }
  const proposals = [...gate.proposals()];
  await gate.close();
  return { logPath, answers, executed, proposals, finalOutput: result.finalOutput };
}

/** The model's last turn: one line per tool result it received. */
function summary(request: ModelRequest): string {
  const lines: string[] = [];
  if (Array.isArray(request.input)) {
    for (const item of request.input) {
      if (item.type !== 'function_call_result') continue;
      const output = item.output;
      lines.push(`${item.callId}: ${typeof output === 'string' ? output : 'text' in output ? output.text : JSON.stringify(output)}`);
    }
  }
  return lines.join('\n');
}

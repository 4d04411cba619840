// A support agent on the AI SDK works through a refund queue. Its refund tool is
// wrapped with Oversight, so the shipped support-refunds policy decides which
// refunds run alone, which a person approves first, and which never run; the
// people's answers go through the gate and come back as the AI SDK's tool
// approval responses. A scripted model and scripted reviewers stand in for the
// LLM and the support team, so it runs without an API key.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { compilePolicy, loadPolicy } from '@oversight/core';
import { createGate, JsonlDecisionLog } from '@oversight/gate';
import { approvalMessage, isOversightRefusal, withOversight, type OversightAnswerInput } from '@oversight/ai-sdk';
import { generateText, tool, type ModelMessage } from 'ai';
import { z } from 'zod';
import { scriptedModel } from './scripted-model.js';

const POLICY_FILE = fileURLToPath(new URL('../../../policies/support-refunds.yaml', import.meta.url));

const refundArgs = z.object({
  actionType: z.enum(['refund', 'store_credit']),
  amount: z.number().positive(),
  currency: z.enum(['USD', 'EUR', 'GBP', 'CAD', 'AUD']),
  orderId: z.string(),
  reasonCode: z.enum(['damaged', 'not_received', 'wrong_item', 'late_delivery', 'quality', 'goodwill', 'other']),
  confidence: z.number().min(0).max(1),
  recentClaims: z.number().int().min(0),
  refundToOriginalMethod: z.boolean(),
  irreversible: z.boolean(),
});
type Refund = z.infer<typeof refundArgs>;

const refund = (orderId: string, amount: number, more: Partial<Refund> = {}): Refund => ({
  actionType: 'refund',
  amount,
  currency: 'USD',
  orderId,
  reasonCode: 'damaged',
  confidence: 0.97,
  recentClaims: 0,
  refundToOriginalMethod: true,
  irreversible: true,
  ...more,
});

const lead = { id: 'ana@example.com', role: 'support-lead' };
const fraudAnalyst = { id: 'kofi@example.com', role: 'fraud-analyst' };

/** What happened to one tool call, as the desk reports it. */
export interface DeskOutcome {
  toolCallId: string;
  orderId: string;
  route: string;
  answers: string[];
  /** What the refund tool actually paid, if it ran. */
  paid?: number;
  refused?: string;
}

export interface DeskRun {
  logPath: string;
  outcomes: DeskOutcome[];
  transcript: string[];
}

export async function runRefundDesk(logPath: string, print: (line: string) => void = () => {}): Promise<DeskRun> {
  const loaded = loadPolicy(readFileSync(POLICY_FILE, 'utf8'), POLICY_FILE);
  if (!loaded.ok) throw new Error(`${POLICY_FILE} does not load`);
  // A fixed clock keeps deadlines in the log the same from run to run.
  const gate = await createGate({ policies: [compilePolicy(loaded.policy)], store: await JsonlDecisionLog.open(logPath), clock: () => new Date('2026-12-02T09:00:00Z') });

  const paid = new Map<string, number>();
  const issueRefund = tool({
    description: 'Refund (or credit) a customer for an order',
    inputSchema: refundArgs,
    execute: (args: Refund) => {
      paid.set(args.orderId, args.amount);
      return Promise.resolve({ refunded: args.amount, currency: args.currency, orderId: args.orderId });
    },
  });
  const oversight = withOversight({ issueRefund }, { gate, policy: 'support-refunds', proposer: { id: 'refund-agent', kind: 'agent' } });

  const model = scriptedModel([
    [
      { toolCallId: 'call-1', toolName: 'issueRefund', input: refund('ORD-1000101', 30) },
      { toolCallId: 'call-2', toolName: 'issueRefund', input: refund('ORD-1002341', 120, { recentClaims: 1 }) },
      { toolCallId: 'call-3', toolName: 'issueRefund', input: refund('ORD-1003377', 200, { reasonCode: 'not_received', confidence: 0.62 }) },
      { toolCallId: 'call-4', toolName: 'issueRefund', input: refund('ORD-1004410', 90, { refundToOriginalMethod: false }) },
    ],
    [{ toolCallId: 'call-5', toolName: 'issueRefund', input: refund('ORD-1005520', 60, { reasonCode: 'late_delivery', recentClaims: 1 }) }],
  ]);

  // The support team, scripted: what each person answers to each call, in order.
  const reviewers: Record<string, OversightAnswerInput[]> = {
    'call-2': [{ decision: 'approve', reviewer: lead }],
    'call-3': [{ decision: 'reject', reviewer: lead, reason: 'the carrier shows it delivered and signed for; ask the customer to check with neighbours' }],
    'call-5': [
      { decision: 'edit', reviewer: lead, reason: 'the agent missed three earlier claims on this account', editedArgs: refund('ORD-1005520', 60, { reasonCode: 'late_delivery', recentClaims: 4 }) },
      { decision: 'approve', reviewer: fraudAnalyst },
    ],
  };
  const answered = new Map<string, string[]>();
  const transcript: string[] = [];
  const messages: ModelMessage[] = [];

  const said = (toolCallId: string): string => {
    const call = oversight.call(toolCallId);
    if (!call) return `${toolCallId}: not proposed`;
    const amount = paid.get(String(call.facts.orderId));
    const now = call.executed ? `ran, paid ${amount ?? '?'} USD` : call.effect === 'wait' ? `waits for ${call.reviewer ?? 'a person'}` : `did not run (${call.standing})`;
    return `${toolCallId}: ${call.packet?.summary ?? `${String(call.facts.actionType)} of ${String(call.facts.amount)} USD on order ${String(call.facts.orderId)}`} → ${call.route}: ${now}`;
  };

  for (const ask of ["Work through this morning's refund queue.", 'One more: ORD-1005520 arrived late.']) {
    print(`\nuser: ${ask}`);
    messages.push({ role: 'user', content: ask });
    const step = await generateText({ model, tools: oversight.tools, messages });
    messages.push(...step.response.messages);
    for (const call of step.toolCalls) print(`  ${said(call.toolCallId)}`);

    const answers = [];
    for (const request of oversight.approvalRequests(step.content)) {
      // A review queue would show the whole packet: renderPacket(request.call.view.proposal, 'html').
      for (const reason of request.call.reasons) print(`    ${request.toolCallId} because ${reason}`);
      let answer;
      for (const input of reviewers[request.toolCallId] ?? []) {
        answer = await oversight.answer(request.toolCallId, input);
        const line = `${input.reviewer?.role ?? 'reviewer'} ${input.decision}s${input.reason === undefined ? '' : ` (${input.reason})`} → ${answer.call.standing}`;
        answered.set(request.toolCallId, [...(answered.get(request.toolCallId) ?? []), line]);
        print(`    ${request.toolCallId}: ${line}`);
      }
      answers.push(answer);
    }
    if (answers.length === 0) continue;
    // The answers go back as the AI SDK's tool approval responses; the approved calls run now, through gate.authorize.
    messages.push(approvalMessage(answers));
    const next = await generateText({ model, tools: oversight.tools, messages });
    messages.push(...next.response.messages);
    for (const request of answers) if (request) print(`  ${said(request.call.toolCallId)}`);
    transcript.push(next.text);
  }

  const outcomes: DeskOutcome[] = [];
  for (const toolCallId of ['call-1', 'call-2', 'call-3', 'call-4', 'call-5']) {
    const call = oversight.call(toolCallId);
    if (!call) throw new Error(`${toolCallId} was never proposed`);
    const orderId = String(call.facts.orderId);
    const refusal = messages.flatMap((message) => (message.role === 'tool' ? message.content : [])).find((part) => part.type === 'tool-result' && part.toolCallId === toolCallId);
    const output = refusal?.type === 'tool-result' && refusal.output.type === 'json' ? refusal.output.value : undefined;
    const denied = refusal?.type === 'tool-result' && refusal.output.type === 'execution-denied' ? refusal.output.reason : undefined;
    const paidAmount = paid.get(orderId);
    outcomes.push({
      toolCallId,
      orderId,
      route: call.proposalIds.length > 1 ? `${call.view.proposal.linkedTo === undefined ? '' : 'rerouted → '}${call.route}` : call.route,
      answers: answered.get(toolCallId) ?? [],
      ...(paidAmount !== undefined && { paid: paidAmount }),
      ...(isOversightRefusal(output) && { refused: output.reason }),
      ...(denied !== undefined && { refused: denied }),
    });
  }
  await gate.close();
  return { logPath, outcomes, transcript };
}

// A LangChain v1 support agent under Oversight, with no API key: the model is
// LangChain's scripted fake, the reviewer a script. Each conversation asks for a
// refund; the shipped support-refunds policy routes the agent's issueRefund call;
// the decisions land in a hash-chained JSONL log in a temp folder.
//
//   pnpm example            (then: oversight log verify <the printed path>)
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { AIMessage, HumanMessage, ToolMessage } from '@langchain/core/messages';
import { fakeModel } from '@langchain/core/testing';
import { Command, MemorySaver } from '@langchain/langgraph';
import { compilePolicy, loadPolicy } from '@oversight/core';
import { createGate, JsonlDecisionLog, type Gate } from '@oversight/gate';
import { createAgent, tool, type Interrupt } from 'langchain';
import { z } from 'zod';
import { oversightMiddleware, type OversightDecision, type OversightRequest } from '../src/index.js';

const POLICY = fileURLToPath(new URL('../../../policies/support-refunds.yaml', import.meta.url));

const refundArgs = z.object({
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
type RefundArgs = z.infer<typeof refundArgs>;

const LEAD = { id: 'ana@example.com', role: 'support-lead' };
const MANAGER = { id: 'max@example.com', role: 'support-manager' };

interface Conversation {
  title: string;
  args: RefundArgs;
  /** The scripted reviewer: what a person answers to each request. */
  review?: (request: OversightRequest) => OversightDecision[];
}

function refund(amount: number, more: Partial<RefundArgs> = {}): RefundArgs {
  return { actionType: 'refund', amount, currency: 'USD', orderId: 'ORD-1002341', reasonCode: 'damaged', confidence: 0.97, recentClaims: 0, refundToOriginalMethod: true, irreversible: true, ...more };
}

const CONVERSATIONS: Conversation[] = [
  { title: 'a small damaged-item refund', args: refund(30) },
  { title: 'a larger refund', args: refund(120), review: () => [{ type: 'approve', reviewer: LEAD }] },
  {
    title: 'a goodwill refund',
    args: refund(400, { reasonCode: 'goodwill', orderId: 'ORD-2002342' }),
    review: () => [{ type: 'reject', reviewer: LEAD, message: 'goodwill above 50 USD is store credit, not cash' }],
  },
  { title: 'a refund to another card', args: refund(80, { refundToOriginalMethod: false, orderId: 'ORD-3002343' }) },
  {
    title: 'a refund the lead raises',
    args: refund(150, { orderId: 'ORD-4002344' }),
    // The lead edits the amount up past her authority: the policy routes the edit to a manager.
    review: (request) =>
      request.actionRequests.map((action) =>
        action.reviewer === 'support-lead'
          ? { type: 'edit', reviewer: LEAD, reason: 'two items were damaged, not one', editedAction: { name: action.name, args: { ...action.args, amount: 650 } } }
          : { type: 'approve', reviewer: MANAGER },
      ),
  },
];

export interface ExampleResult {
  logPath: string;
  /** One line a conversation: what the gate and the reviewer decided, and what ran. */
  lines: string[];
}

/** Runs every conversation through one gate and log; `dir` is where the log goes (a new temp folder by default). */
export async function runExample(options: { dir?: string; print?: (line: string) => void } = {}): Promise<ExampleResult> {
  const print = options.print ?? ((line: string) => console.log(line));
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'oversight-langchain-'));
  const logPath = join(dir, 'decisions.jsonl');
  const loaded = loadPolicy(readFileSync(POLICY, 'utf8'), POLICY);
  if (!loaded.ok) throw new Error(`${POLICY} does not load`);
  const gate = await createGate({ policies: [compilePolicy(loaded.policy)], store: await JsonlDecisionLog.open(logPath) });
  const lines: string[] = [];
  try {
    for (const [index, conversation] of CONVERSATIONS.entries()) {
      const line = await converse(gate, `thread-${index + 1}`, conversation);
      lines.push(line);
      print(line);
    }
  } finally {
    await gate.close();
  }
  print(`decision log: ${logPath}`);
  print(`check it with: oversight log verify ${logPath}`);
  return { logPath, lines };
}

async function converse(gate: Gate, threadId: string, conversation: Conversation): Promise<string> {
  const issued: RefundArgs[] = [];
  const issueRefund = tool(
    (args: RefundArgs) => {
      issued.push(args);
      return `refunded ${args.amount} ${args.currency} on ${args.orderId}`;
    },
    { name: 'issueRefund', description: 'Refund a customer for an order.', schema: refundArgs },
  );
  const model = fakeModel()
    .respondWithTools([{ name: 'issueRefund', id: `${threadId}-call`, args: conversation.args }])
    .respond(new AIMessage('Done.'));
  const agent = createAgent({
    model,
    tools: [issueRefund],
    middleware: [oversightMiddleware({ gate, policy: 'support-refunds', proposer: { id: 'refund-agent', kind: 'agent' } })],
    checkpointer: new MemorySaver(),
  });
  const config = { configurable: { thread_id: threadId } };

  const steps: string[] = [];
  let result = await agent.invoke({ messages: [new HumanMessage(`Customer asks for ${conversation.title}.`)] }, config);
  for (let rounds = 0; result.__interrupt__ !== undefined && rounds < 5; rounds++) {
    const request = (result.__interrupt__[0] as Interrupt<OversightRequest>).value!;
    for (const action of request.actionRequests) steps.push(`${action.route} → ${action.reviewer ?? '?'} (${action.proposalId.slice(0, 8)})`);
    const decisions = conversation.review?.(request) ?? request.actionRequests.map(() => ({ type: 'reject' as const, reviewer: LEAD, message: 'no reviewer script' }));
    for (const decision of decisions) steps.push(`${decision.reviewer?.id ?? '?'}: ${decision.type}${decision.type === 'edit' ? ` amount → ${String(decision.editedAction.args.amount)}` : ''}`);
    result = await agent.invoke(new Command({ resume: { decisions } }), config);
  }

  const toolMessage = result.messages.find((message) => ToolMessage.isInstance(message));
  const ran = issued.map((args) => `ran issueRefund(${args.amount} ${args.currency}, ${args.orderId})`);
  const refused = toolMessage !== undefined && ToolMessage.isInstance(toolMessage) && toolMessage.status === 'error' ? [`not run: ${String(toolMessage.content)}`] : [];
  const route = steps.length === 0 ? [routeOf(gate, `${threadId}-call`)] : steps;
  return `${threadId} ${conversation.title}: ${[...route, ...ran, ...refused].join('; ')}`;
}

/** The route the gate gave a call that no person answered (auto or deny). */
function routeOf(gate: Gate, toolCallId: string): string {
  for (const proposal of gate.proposals()) if (proposal.decisionKey?.endsWith(`/${toolCallId}`)) return `${proposal.route} (${proposal.rules.join(', ')})`;
  return 'no decision';
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await runExample();

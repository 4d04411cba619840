// Shared by the tests: the shipped support-refunds policy, a gate over it, a
// refund tool that records what it was asked to do, and an agent whose model is
// LangChain's scripted fake (no API key).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AIMessage, HumanMessage, ToolMessage } from '@langchain/core/messages';
import { fakeModel, type FakeBuiltModel } from '@langchain/core/testing';
import { Command, MemorySaver } from '@langchain/langgraph';
import { compilePolicy, loadPolicy, type CompiledPolicy } from '@oversight/core';
import { createGate, MemoryDecisionStore, type DecisionStore, type Gate } from '@oversight/gate';
import { createAgent, tool, type AnyAgentMiddleware, type BaseMessage, type Interrupt } from 'langchain';
import { z } from 'zod';
import { oversightMiddleware, type OversightMiddlewareOptions, type OversightRequest, type OversightResponse } from '../src/index.js';

export const POLICY_URL = new URL('../../../policies/support-refunds.yaml', import.meta.url);

export function loadShippedPolicy(url: URL): CompiledPolicy {
  const path = fileURLToPath(url);
  const loaded = loadPolicy(readFileSync(path, 'utf8'), path);
  if (!loaded.ok) throw new Error(`${path} does not load`);
  return compilePolicy(loaded.policy);
}

export const NOW = new Date('2026-12-02T09:00:00Z');

export async function refundGate(store: DecisionStore = new MemoryDecisionStore()): Promise<Gate> {
  return createGate({ policies: [loadShippedPolicy(POLICY_URL)], store, clock: () => NOW });
}

/** The refund facts as the agent proposes them; the tool's arguments are exactly these. */
export function refund(overrides: Partial<RefundArgs> = {}): RefundArgs {
  return {
    actionType: 'refund',
    amount: 30,
    currency: 'USD',
    orderId: 'ORD-1002341',
    reasonCode: 'damaged',
    confidence: 0.97,
    recentClaims: 0,
    refundToOriginalMethod: true,
    irreversible: true,
    ...overrides,
  };
}

const refundSchema = z.object({
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
export type RefundArgs = z.infer<typeof refundSchema>;

/** The refund tool: records each refund it issues. */
export function refundTool(issued: RefundArgs[]) {
  return tool(
    (args: RefundArgs) => {
      issued.push(args);
      return `refunded ${args.amount} ${args.currency} on ${args.orderId}`;
    },
    { name: 'issueRefund', description: 'Refund (or credit) a customer for an order.', schema: refundSchema },
  );
}

export const AGENT = { id: 'refund-agent', kind: 'agent' } as const;
export const LEAD = { id: 'ana@example.com', role: 'support-lead' } as const;
export const MANAGER = { id: 'max@example.com', role: 'support-manager' } as const;

export interface Turn {
  request: OversightRequest | undefined;
  messages: BaseMessage[];
}

export interface Harness {
  gate: Gate;
  issued: RefundArgs[];
  /** Starts a thread; returns the interrupt's request, if the agent stopped for one. */
  start(threadId: string): Promise<Turn>;
  resume(threadId: string, response: OversightResponse): Promise<Turn>;
}

export interface HarnessOptions {
  /** Oversight options beyond gate, policy and proposer. */
  oversight?: Partial<OversightMiddlewareOptions>;
  /** Middleware placed before Oversight's in the agent's list. */
  before?: AnyAgentMiddleware[];
  checkpointer?: MemorySaver;
  /** The model's script; default: the given tool calls in one message, then "done". */
  model?: FakeBuiltModel;
}

/**
 * An agent whose model proposes the given tool calls (one model message), then
 * answers "done" when it hears back.
 */
export function harness(gate: Gate, toolCalls: { id: string; args: RefundArgs }[], options: HarnessOptions = {}): Harness {
  const issued: RefundArgs[] = [];
  const model = options.model ?? fakeModel()
    .respondWithTools(toolCalls.map((call) => ({ name: 'issueRefund', id: call.id, args: call.args })))
    .respond(new AIMessage('done'));
  const middleware: AnyAgentMiddleware[] = [...(options.before ?? []), oversightMiddleware({ gate, policy: 'support-refunds', proposer: AGENT, ...options.oversight })];
  const agent = createAgent({ model, tools: [refundTool(issued)], middleware, checkpointer: options.checkpointer ?? new MemorySaver() });
  const turn = (result: { messages: BaseMessage[]; __interrupt__?: Interrupt[] }): Turn => ({
    request: result.__interrupt__?.[0]?.value as OversightRequest | undefined,
    messages: result.messages,
  });
  return {
    gate,
    issued,
    start: async (threadId) => turn(await agent.invoke({ messages: [new HumanMessage('Please refund my damaged order.')] }, { configurable: { thread_id: threadId } })),
    resume: async (threadId, response) => turn(await agent.invoke(new Command({ resume: response }), { configurable: { thread_id: threadId } })),
  };
}

/** The ToolMessages of a thread, by the tool call they answer. */
export function toolMessages(messages: readonly BaseMessage[]): Map<string, ToolMessage> {
  const found = new Map<string, ToolMessage>();
  for (const message of messages) if (ToolMessage.isInstance(message)) found.set(message.tool_call_id, message);
  return found;
}

/** A message's content as text. */
export function textOf(message: BaseMessage | undefined): string {
  const content = message?.content;
  return typeof content === 'string' ? content : JSON.stringify(content);
}

/** The text of the thread's last message. */
export function lastText(messages: readonly BaseMessage[]): string {
  return textOf(messages.at(-1));
}

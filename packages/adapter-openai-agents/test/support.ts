// What the tests share: the shipped support-refunds policy, a gate over it, a
// refund tool under oversight that records what it executed, and an agent
// driven by a scripted model.
import { readFileSync } from 'node:fs';
import { Agent, setTracingDisabled, type FunctionTool } from '@openai/agents';
import { compilePolicy, loadPolicy, type CompiledPolicy } from '@oversight/core';
import { createGate, MemoryDecisionStore, type DecisionStore, type Gate, type Reviewer } from '@oversight/gate';
import { z } from 'zod';
import { ScriptedModel, withOversight, type ScriptedTurn } from '../src/index.js';

setTracingDisabled(true);

export const SUPPORT_REFUNDS_TEXT = readFileSync(new URL('../../../policies/support-refunds.yaml', import.meta.url), 'utf8');

export function compile(text: string, file = 'policy.yaml'): CompiledPolicy {
  const loaded = loadPolicy(text, file);
  if (!loaded.ok) throw new Error(`${file} does not load`);
  return compilePolicy(loaded.policy);
}

export const SUPPORT_REFUNDS = compile(SUPPORT_REFUNDS_TEXT, 'support-refunds.yaml');

export const AGENT = { id: 'refund-agent', kind: 'agent' } as const;
export const LEAD: Reviewer = { id: 'ana@example.com', role: 'support-lead' };
export const OTHER_LEAD: Reviewer = { id: 'ben@example.com', role: 'support-lead' };
export const MANAGER: Reviewer = { id: 'maria@example.com', role: 'support-manager' };

/** A gate with readable ids (`<prefix>-0001`…); a gate reopened over the same log needs another prefix. */
export async function newGate(policies: CompiledPolicy[] = [SUPPORT_REFUNDS], store: DecisionStore = new MemoryDecisionStore(), prefix = 'd'): Promise<Gate> {
  let next = 0;
  return createGate({ policies, store, newId: () => `${prefix}-${String(++next).padStart(4, '0')}` });
}

export const RefundArgs = z.object({
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
export type RefundArgs = z.infer<typeof RefundArgs>;

export function refund(amount: number, changes: Partial<RefundArgs> = {}): RefundArgs {
  return {
    actionType: 'refund',
    amount,
    currency: 'USD',
    orderId: 'ORD-1002341',
    reasonCode: 'damaged',
    confidence: 0.97,
    recentClaims: 0,
    refundToOriginalMethod: true,
    irreversible: true,
    ...changes,
  };
}

/** A refund tool under the support-refunds policy; `executed` lists the arguments each real execution got. */
export function refundTool(gate: Gate): { tool: FunctionTool<unknown, typeof RefundArgs>; executed: RefundArgs[] } {
  const executed: RefundArgs[] = [];
  const tool = withOversight(
    {
      name: 'issueRefund',
      description: 'Refund (or credit) a customer for an order.',
      parameters: RefundArgs,
      execute: (args: RefundArgs) => {
        executed.push(args);
        return `refunded ${args.amount} ${args.currency} on ${args.orderId}`;
      },
    },
    { gate, policy: 'support-refunds', proposer: AGENT },
  );
  return { tool, executed };
}

export function agentWith(tools: FunctionTool<unknown, never>[] | FunctionTool<unknown, typeof RefundArgs>[], turns: ScriptedTurn[]): { agent: Agent; model: ScriptedModel } {
  const model = new ScriptedModel(turns);
  const agent = new Agent({ name: 'support-agent', instructions: 'Resolve refund requests.', model, tools });
  return { agent, model };
}

/** The tool outputs the model received in a request. */
export function toolOutputsIn(model: ScriptedModel, request: number): Record<string, string> {
  const input = model.requests[request]?.input;
  const outputs: Record<string, string> = {};
  if (!Array.isArray(input)) return outputs;
  for (const item of input) {
    if (item.type !== 'function_call_result') continue;
    const output = item.output;
    outputs[item.callId] = typeof output === 'string' ? output : 'text' in output ? output.text : JSON.stringify(output);
  }
  return outputs;
}

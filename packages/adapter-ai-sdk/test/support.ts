// What the tests share: the shipped support-refunds policy, a gate over it, a
// refund tool whose arguments are the policy's facts, and a few refunds.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { compilePolicy, loadPolicy, type CompiledPolicy } from '@oversight/core';
import { createGate, MemoryDecisionStore, type DecisionStore, type Gate } from '@oversight/gate';
import { tool } from 'ai';
import { z } from 'zod';

export const POLICY_FILE = fileURLToPath(new URL('../../../policies/support-refunds.yaml', import.meta.url));

export function refundPolicy(edit: (text: string) => string = (text) => text): CompiledPolicy {
  const loaded = loadPolicy(edit(readFileSync(POLICY_FILE, 'utf8')), POLICY_FILE);
  if (!loaded.ok) throw new Error(`the policy does not load: ${JSON.stringify(loaded)}`);
  return compilePolicy(loaded.policy);
}

/** A gate on a fixed clock, so deadlines never depend on how fast the machine is. */
export function refundGate(store: DecisionStore = new MemoryDecisionStore(), policy: CompiledPolicy = refundPolicy()): Promise<Gate> {
  return createGate({ policies: [policy], store, clock: () => new Date('2026-12-02T09:00:00Z') });
}

export const refundArgs = z.object({
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
export type RefundArgs = z.infer<typeof refundArgs>;

/** The support agent's refund tool; `paid` lists what it actually paid out. */
export function refundTool() {
  const paid: RefundArgs[] = [];
  const issueRefund = tool({
    description: 'Refund (or credit) a customer for an order',
    inputSchema: refundArgs,
    execute: (refund: RefundArgs) => {
      paid.push(refund);
      return Promise.resolve({ refunded: refund.amount, currency: refund.currency, orderId: refund.orderId });
    },
  });
  return { issueRefund, paid };
}

export const refund: RefundArgs = {
  actionType: 'refund',
  amount: 120,
  currency: 'USD',
  orderId: 'ORD-1002341',
  reasonCode: 'damaged',
  confidence: 0.97,
  recentClaims: 1,
  refundToOriginalMethod: true,
  irreversible: true,
};

export const lead = { id: 'ana@example.com', role: 'support-lead' };
export const manager = { id: 'omar@example.com', role: 'support-manager' };
export const agent = { id: 'refund-agent', kind: 'agent' };

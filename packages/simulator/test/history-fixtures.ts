// Small histories built from the shipped support-refunds policy: each record's
// route is what the policy decides, as a service running it would have logged.
import { readFileSync } from 'node:fs';
import { compilePolicy, evaluate, loadPolicy, type CompiledPolicy, type HistoryRecord, type Policy } from '@oversight/core';

const POLICY_FILE = new URL('../../../policies/support-refunds.yaml', import.meta.url);

export function loadRefunds(edit?: (policy: Policy) => void): CompiledPolicy {
  const loaded = loadPolicy(readFileSync(POLICY_FILE, 'utf8'), 'policies/support-refunds.yaml');
  if (!loaded.ok) throw new Error(loaded.diagnostics.map((d) => d.message).join('\n'));
  edit?.(loaded.policy);
  return compilePolicy(loaded.policy);
}

export function refund(amount: number, confidence = 0.95, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    actionType: 'refund',
    amount,
    currency: 'USD',
    orderId: 'ORD-1234567',
    reasonCode: 'damaged',
    confidence,
    recentClaims: 0,
    refundToOriginalMethod: true,
    irreversible: true,
    ...extra,
  };
}

let counter = 0;

/** A record as the policy routed it, with what a person did. */
export function recordOf(plan: CompiledPolicy, facts: Record<string, unknown>, extra: Partial<HistoryRecord> = {}): HistoryRecord {
  const decisionId = `d-${String(++counter).padStart(7, '0')}`;
  const decision = evaluate(plan, facts, { decisionKey: decisionId });
  return {
    decisionId,
    at: '2026-10-03T12:00:00Z',
    policy: { name: plan.name, version: plan.version, hash: plan.hash },
    facts,
    route: decision.route,
    rules: decision.matched.map((rule) => rule.id),
    ...(decision.route === 'auto' ? { audit: decision.sampled } : {}),
    ...extra,
  };
}

export const lines = (records: readonly (HistoryRecord | string)[]) => records.map((record) => (typeof record === 'string' ? record : JSON.stringify(record))).join('\n') + '\n';

/** One source, its text cut into chunks of `size` characters (cuts fall anywhere, mid-line included). */
export function source(text: string, name = 'history.jsonl', size = 7) {
  const chunks: string[] = [];
  for (let i = 0; i < text.length; i += size) chunks.push(text.slice(i, i + size));
  return [{ name, chunks }];
}

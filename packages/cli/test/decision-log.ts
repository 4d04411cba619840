// A decision log as the review loop writes it: every path a refund can take
// (auto, approve, reject, edit within limits and into a reroute, escalate,
// expiry, deny), some still waiting; on whatever store the test gives.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { compilePolicy, loadPolicy } from '@oversight/core';
import { createGate, type DecisionStore } from '@oversight/gate';

export const POLICY = fileURLToPath(new URL('../../../policies/support-refunds.yaml', import.meta.url));

function refund(amount: number, changes: Record<string, unknown> = {}): Record<string, unknown> {
  return { actionType: 'refund', amount, currency: 'EUR', orderId: 'ORD-2045511', reasonCode: 'not_received', confidence: 0.94, recentClaims: 0, refundToOriginalMethod: true, irreversible: true, ...changes };
}

/** Plays the refunds through a gate on `store`, then closes it. */
export async function playRefunds(store: DecisionStore): Promise<void> {
  const loaded = loadPolicy(readFileSync(POLICY, 'utf8'), POLICY);
  if (!loaded.ok) throw new Error('the shipped policy does not load');
  let time = Date.parse('2026-11-30T08:00:00Z');
  let id = 0;
  const gate = await createGate({ policies: [compilePolicy(loaded.policy)], store, clock: () => new Date(time), newId: () => `d-${++id}` });
  const agent = { id: 'refund-agent', kind: 'agent' };
  const lead = { id: 'ana@example.com', role: 'support-lead' };
  const amounts = [25, 120, 180, 95, 640, 48, 300, 75, 30, 160];
  for (const amount of amounts) await gate.propose({ policy: 'support-refunds', facts: refund(amount), proposer: agent });
  await gate.propose({ policy: 'support-refunds', facts: refund(60, { recentClaims: 4 }), proposer: agent });
  await gate.propose({ policy: 'support-refunds', facts: refund(60, { refundToOriginalMethod: false }), proposer: agent });
  time += 25 * 60_000;
  await gate.answer('d-2', { decision: 'approve', reviewer: lead });
  await gate.answer('d-3', { decision: 'reject', reviewer: lead, reason: 'carrier shows delivered, signed' });
  await gate.answer('d-4', { decision: 'edit', reviewer: lead, reason: 'shipping was not charged', editedFacts: refund(80) });
  await gate.answer('d-7', { decision: 'edit', reviewer: lead, reason: 'add the replacement cost', editedFacts: refund(900) });
  await gate.answer('d-5', { decision: 'escalate', reviewer: { id: 'chen@example.com', role: 'support-manager' }, reason: 'above my limit today' });
  time += 5 * 3_600_000;
  await gate.expireDue();
  await gate.close();
}

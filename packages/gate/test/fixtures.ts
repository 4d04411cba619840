// Policies, facts and a clock the gate's tests share: the shipped support-refunds
// policy (edited where a test needs another setting) and a CRM policy whose
// confident updates run first and are reviewed after.
import { compilePolicy, loadPolicy, type CompiledPolicy } from '@oversight/core';
import { createGate, MemoryDecisionStore, MemorySharedDecisionStore, type DecisionStore, type Gate, type GateOptions } from '../src/index.js';

export { refund, SUPPORT_REFUNDS } from 'oversight-test-fixtures';

export const CRM_UPDATES = `apiVersion: oversight/v1
kind: RoutingPolicy
metadata: { name: crm-updates, version: 2, owner: revenue-operations }
spec:
  default: approve_before
  onError: approve_before
  onTimeout: reject
  reviewer: sales-ops
  facts:
    field: { type: string, enum: [phone, email, stage, owner] }
    confidence: { type: number, minimum: 0, maximum: 1 }
    irreversible: { type: boolean }
  thresholds:
    minConfidence: { value: 0.8, min: 0, max: 1 }
  reviewers:
    sales-ops: { sla: 1d, warnBefore: 2h }
  rules:
    - id: confident-update
      when: { fact: confidence, operator: greaterThanInclusive, value: { threshold: minConfidence } }
      route: review_after
      reviewer: sales-ops
  packet:
    summary: "set {{field}}"
    context: [field, confidence]
`;

/** Loads policy text, applying each [from, to] edit, and compiles it. */
export function policy(text: string, ...edits: [string, string][]): CompiledPolicy {
  let edited = text;
  for (const [from, to] of edits) {
    if (!edited.includes(from)) throw new Error(`fixture edit: '${from}' is not in the policy`);
    edited = edited.replace(from, to);
  }
  const loaded = loadPolicy(edited, 'fixture.yaml');
  if (!loaded.ok) throw new Error(loaded.diagnostics.map((d) => d.message).join('\n'));
  return compilePolicy(loaded.policy);
}

export class FakeClock {
  constructor(private time = Date.parse('2026-12-02T09:00:00Z')) {}
  now = (): Date => new Date(this.time);
  advance(text: string): void {
    const match = /^(\d+)(s|m|h|d)$/.exec(text)!;
    this.time += Number(match[1]) * { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }[match[2] as 's' | 'm' | 'h' | 'd'];
  }
}

export function sequentialIds(prefix = 'd'): () => string {
  let next = 0;
  return () => `${prefix}-${String(++next).padStart(4, '0')}`;
}

/**
 * The store the gate's suites run on: in memory for one process, or (the
 * `gate on a shared store` project of vitest.config.ts) the shared store that
 * several replicas use, so both modes are held to the same tests.
 */
export function newStore(): MemoryDecisionStore {
  return process.env.OVERSIGHT_GATE_STORE === 'shared' ? new MemorySharedDecisionStore() : new MemoryDecisionStore();
}

export async function gateFor(policies: CompiledPolicy[], options: Partial<GateOptions> = {}, clock = new FakeClock()): Promise<{ gate: Gate; store: DecisionStore; clock: FakeClock }> {
  const store = options.store ?? newStore();
  const gate = await createGate({ policies, store, clock: clock.now, newId: sequentialIds(), ...options });
  return { gate, store, clock };
}

export const LEAD = { id: 'ana@example.com', role: 'support-lead' };
export const LEAD_2 = { id: 'bo@example.com', role: 'support-lead' };
export const MANAGER = { id: 'chen@example.com', role: 'support-manager' };
export const MANAGER_2 = { id: 'dara@example.com', role: 'support-manager' };
export const MANAGER_3 = { id: 'eli@example.com', role: 'support-manager' };
export const AGENT = { id: 'support-agent', kind: 'agent' };

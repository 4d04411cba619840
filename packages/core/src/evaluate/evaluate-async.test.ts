import { describe, expect, it } from 'vitest';
import { compilePolicy, type CompiledPolicy } from '../compile/compile-policy.js';
import { loadPolicy } from '../load/load-policy.js';
import type { Decision } from '../types.js';
import { evaluateAsync, type FactProvider, type FactProviders } from './evaluate-async.js';
import { evaluate } from './evaluate.js';

// Support refunds where some facts are cheap (on the proposed action) and some
// are lookups a service would rather not make: claim history, the customer's
// block status, the agent's confidence, the reason code from the ticket.
const POLICY = `apiVersion: oversight/v1
kind: RoutingPolicy
metadata:
  name: support-refunds
  version: 3
  owner: customer-support-operations
spec:
  strategy: most-restrictive
  default: approve_before
  onError: escalate
  facts:
    actionType: { type: string, enum: [refund, store_credit] }
    amount: { type: number, exclusiveMinimum: 0, maximum: 100000 }
    confidence: { type: number, minimum: 0, maximum: 1 }
    reasonCode: { type: string, enum: [damaged, not_received, wrong_item, goodwill, other] }
    recentClaims: { type: integer, minimum: 0 }
    customerBlocked: { type: boolean }
    irreversible: { type: boolean }
  thresholds:
    autoRefundMax: { value: 50, min: 0, max: 200 }
    minConfidence: { value: 0.9, min: 0.5, max: 1 }
    maxRecentClaims: { value: 2, min: 0, max: 10 }
  reviewers:
    support-lead: { sla: 4h, escalateTo: support-manager }
    support-manager: { sla: 1d }
    fraud-analyst: { sla: 1d, escalateTo: support-manager }
  sampling:
    auto: 0.5
  rules:
    - id: blocked-customer
      when: { fact: customerBlocked, operator: equal, value: true }
      route: deny
    - id: repeat-claimant
      when: { fact: recentClaims, operator: greaterThan, value: { threshold: maxRecentClaims } }
      route: escalate
      reviewer: fraud-analyst
    - id: refund-needs-approval
      when:
        any:
          - { fact: amount, operator: greaterThan, value: { threshold: autoRefundMax } }
          - { fact: confidence, operator: lessThan, value: { threshold: minConfidence } }
      route: approve_before
      reviewer: support-lead
    - id: small-confident-refund
      when:
        all:
          - { fact: actionType, operator: equal, value: refund }
          - { fact: reasonCode, operator: notIn, value: [goodwill, other] }
          - { fact: amount, operator: lessThanInclusive, value: { threshold: autoRefundMax } }
          - { fact: confidence, operator: greaterThanInclusive, value: { threshold: minConfidence } }
      route: auto
      exempt: [irreversible]
      justification: Small refunds for a concrete defect cost less to write off than to review.
    - id: small-store-credit
      when:
        all:
          - { fact: actionType, operator: equal, value: store_credit }
          - { fact: amount, operator: lessThanInclusive, value: { threshold: autoRefundMax } }
          - { fact: confidence, operator: greaterThanInclusive, value: { threshold: minConfidence } }
      route: auto
  packet:
    summary: "{{actionType}} of {{amount}} ({{reasonCode}})"
    context: [reasonCode, recentClaims, confidence]
    impact: [amount, irreversible]
`;

function compile(text: string): CompiledPolicy {
  const loaded = loadPolicy(text, 'policies/support-refunds.yaml');
  if (!loaded.ok) throw new Error(`fixture policy does not load: ${JSON.stringify(loaded.diagnostics)}`);
  return compilePolicy(loaded.policy);
}

const plan = compile(POLICY);
const NOW = new Date('2026-10-03T12:00:00Z');

type Facts = Record<string, unknown>;

const smallRefund: Facts = {
  actionType: 'refund',
  amount: 20,
  confidence: 0.95,
  reasonCode: 'damaged',
  recentClaims: 0,
  customerBlocked: false,
  irreversible: true,
};
const smallStoreCredit: Facts = { ...smallRefund, actionType: 'store_credit', reasonCode: 'goodwill', irreversible: false };

/** Providers that answer `facts`, some at once and some after a tick, each counting its calls. */
function countingProviders(facts: Facts): { providers: Record<string, FactProvider>; calls: Record<string, number> } {
  const calls: Record<string, number> = {};
  const providers: Record<string, FactProvider> = {};
  Object.entries(facts).forEach(([name, value], i) => {
    calls[name] = 0;
    providers[name] = () => {
      calls[name]! += 1;
      return i % 2 === 0 ? value : new Promise((resolve) => setTimeout(() => resolve(value), 0));
    };
  });
  return { providers, calls };
}

/** A provider that records that it was called and answers `value`. */
function counted(value: unknown): FactProvider & { calls: number } {
  const provider: FactProvider & { calls: number } = Object.assign(
    () => {
      provider.calls += 1;
      return value;
    },
    { calls: 0 },
  );
  return provider;
}

/** What a service acts on: the route and everything that follows from it. */
function outcome(decision: Decision) {
  return {
    route: decision.route,
    decidedBy: decision.matched[0]?.id,
    reviewer: decision.reviewer,
    sla: decision.sla,
    deadline: decision.deadline,
    sampled: decision.sampled,
    error: decision.error,
    policy: decision.policy,
    decisionKey: decision.decisionKey,
  };
}

describe('evaluateAsync reaches the same decision as evaluate', () => {
  const { customerBlocked: _blocked, ...unknownBlockStatus } = smallRefund;
  const { recentClaims: _claims, ...noClaimHistory } = smallRefund;
  const { amount: _amount, confidence: _confidence, ...noAmountNoConfidence } = smallRefund;
  const { irreversible: _irreversible, ...reversibilityUnknown } = smallStoreCredit;
  const cases: [string, Facts][] = [
    ['a small, confident refund for a damaged item (auto, exempt)', smallRefund],
    ['a small store credit that can be clawed back (auto)', smallStoreCredit],
    ['a store credit paid out irreversibly (auto gated to approve_before)', { ...smallStoreCredit, irreversible: true }],
    ['a goodwill cash refund (no rule matches: default)', { ...smallRefund, reasonCode: 'goodwill' }],
    ['a refund above the automatic limit (approve_before)', { ...smallRefund, amount: 800 }],
    ['a refund the agent is unsure of (approve_before)', { ...smallRefund, confidence: 0.6 }],
    ['a repeat claimant (escalate)', { ...smallRefund, recentClaims: 4 }],
    ['a blocked customer (deny)', { ...smallRefund, customerBlocked: true, amount: 800 }],
    ['a small refund without claim history (missing-fact)', noClaimHistory],
    ['a small refund whose block status is null (missing-fact)', { ...smallRefund, customerBlocked: null }],
    ['a small refund with unknown block status (missing-fact)', unknownBlockStatus],
    ['a refund without amount or confidence (default, nothing stricter undecided)', noAmountNoConfidence],
    ['a large refund with unknown confidence (approve_before by amount)', { ...noAmountNoConfidence, amount: 800 }],
    ['a store credit not known to be reversible (irreversibility-unknown)', reversibilityUnknown],
    ['no facts at all (missing-fact)', {}],
  ];

  it.each(cases)('when every fact comes from a provider: %s', async (name, facts) => {
    const options = { decisionKey: `ticket ${name}`, now: NOW };
    const expected = evaluate(plan, facts, options);
    const actual = await evaluateAsync(plan, countingProviders(facts).providers, options);
    expect(outcome(actual)).toEqual(outcome(expected));
    // Rules it skipped could not change the route; every rule it reports as matched did match.
    const matchedSync = expected.matched.map((rule) => rule.id);
    for (const rule of actual.matched) expect(matchedSync).toContain(rule.id);
  });

  it.each(cases)('when every fact is given up front in options.facts: %s', async (_name, facts) => {
    const options = { decisionKey: 'ticket-4711', now: NOW, facts };
    const expected = evaluate(plan, facts, options);
    const actual = await evaluateAsync(plan, {}, options);
    expect(outcome(actual)).toEqual(outcome(expected));
  });

  it('when the action is given up front and the lookups come from providers', async () => {
    for (const [, facts] of cases) {
      const { actionType, amount, irreversible, ...lookups } = facts;
      const given = Object.fromEntries(Object.entries({ actionType, amount, irreversible }).filter(([, value]) => value !== undefined));
      const expected = evaluate(plan, facts, { decisionKey: 'ticket-4711' });
      const actual = await evaluateAsync(plan, countingProviders(lookups).providers, { decisionKey: 'ticket-4711', facts: given });
      expect(outcome(actual)).toEqual(outcome(expected));
    }
  });
});

describe('evaluateAsync asks a provider only when a condition needs its fact', () => {
  it('asks nothing more once a deny rule has decided', async () => {
    const { providers, calls } = countingProviders({ ...smallRefund, customerBlocked: true });
    const decision = await evaluateAsync(plan, providers);
    expect(decision.route).toBe('deny');
    expect(decision.matched.map((rule) => rule.id)).toEqual(['blocked-customer']);
    expect(calls).toEqual({ actionType: 0, amount: 0, confidence: 0, reasonCode: 0, recentClaims: 0, customerBlocked: 1, irreversible: 0 });
  });

  it('does not ask for amount, confidence or reason when a repeat claimant is already escalated', async () => {
    const { providers, calls } = countingProviders({ ...smallRefund, recentClaims: 5 });
    const decision = await evaluateAsync(plan, providers);
    expect(decision.route).toBe('escalate');
    expect(decision.reviewer).toBe('fraud-analyst');
    expect(calls).toEqual({ actionType: 0, amount: 0, confidence: 0, reasonCode: 0, recentClaims: 1, customerBlocked: 1, irreversible: 0 });
  });

  it('does not ask for confidence when the amount alone already requires approval (any held)', async () => {
    const confidence = counted(0.95);
    const decision = await evaluateAsync(
      plan,
      { confidence, recentClaims: () => 0, customerBlocked: () => false },
      { facts: { actionType: 'refund', amount: 800, irreversible: true } },
    );
    expect(decision.route).toBe('approve_before');
    expect(decision.matched[0]?.id).toBe('refund-needs-approval');
    expect(confidence.calls).toBe(0);
  });

  it('does not ask for the reason code when a store credit already failed the refund rule (all failed earlier)', async () => {
    const reasonCode = counted('goodwill');
    const decision = await evaluateAsync(
      plan,
      { reasonCode, confidence: () => 0.95, recentClaims: () => 0, customerBlocked: () => false },
      { facts: { actionType: 'store_credit', amount: 20, irreversible: false } },
    );
    expect(decision.route).toBe('auto');
    expect(decision.matched.map((rule) => rule.id)).toEqual(['small-store-credit']);
    expect(reasonCode.calls).toBe(0);
  });

  it('does not ask whether the action is irreversible when the route is not auto', async () => {
    const irreversible = counted(true);
    const decision = await evaluateAsync(plan, { ...countingProviders({ ...smallRefund, amount: 800 }).providers, irreversible });
    expect(decision.route).toBe('approve_before');
    expect(irreversible.calls).toBe(0);
  });

  it('asks whether the action is irreversible before a rule that is not exempt lets it run alone', async () => {
    const { providers, calls } = countingProviders(smallStoreCredit);
    const decision = await evaluateAsync(plan, providers);
    expect(decision.error).toBeUndefined();
    expect(decision.route).toBe('auto');
    expect(calls.irreversible).toBe(1);
  });

  it('calls each provider at most once per evaluation, even when several rules use its fact', async () => {
    // amount and confidence are used by three rules each; nothing stricter matches, so every rule is decided
    // (the refund rule stops at actionType, so reasonCode is never needed).
    const { providers, calls } = countingProviders(smallStoreCredit);
    const decision = await evaluateAsync(plan, providers);
    expect(decision.route).toBe('auto');
    expect(calls).toEqual({ actionType: 1, amount: 1, confidence: 1, reasonCode: 0, recentClaims: 1, customerBlocked: 1, irreversible: 1 });
  });

  it('does not ask whether the action is irreversible when the rule that chose auto is exempt', async () => {
    const { providers, calls } = countingProviders(smallRefund);
    const decision = await evaluateAsync(plan, providers);
    expect(decision.route).toBe('auto');
    expect(decision.matched.map((rule) => rule.id)).toEqual(['small-confident-refund']);
    expect(calls.irreversible).toBe(0);
  });

  it('calls each provider again in a new evaluation (no caching across evaluations)', async () => {
    const { providers, calls } = countingProviders(smallRefund);
    await evaluateAsync(plan, providers);
    await evaluateAsync(plan, providers);
    expect(calls.amount).toBe(2);
  });
});

describe('evaluateAsync with facts given up front', () => {
  it('uses options.facts without any provider', async () => {
    const decision = await evaluateAsync(plan, {}, { facts: { ...smallRefund, amount: 800 } });
    expect(decision.route).toBe('approve_before');
    expect(decision.reviewer).toBe('support-lead');
    expect(decision.matched[0]?.because).toEqual(['amount 800 > autoRefundMax 50']);
  });

  it('does not call a provider for a fact given up front', async () => {
    const amount = counted(9999);
    const decision = await evaluateAsync(plan, { amount }, { facts: smallRefund });
    expect(amount.calls).toBe(0);
    expect(decision.route).toBe('auto');
  });
});

describe('evaluateAsync fails closed when a fact cannot be had', () => {
  // Without the failure each of these actions would run automatically (smallRefund is auto, exempt).
  const failures: [string, FactProviders, Record<string, unknown>, { code: string; fact: string }][] = [
    [
      'a provider that throws',
      { ...countingProviders(smallRefund).providers, recentClaims: () => { throw new Error('CRM unavailable (503)'); } },
      {},
      { code: 'provider-error', fact: 'recentClaims' },
    ],
    [
      'a provider whose promise rejects',
      { ...countingProviders(smallRefund).providers, confidence: () => Promise.reject(new Error('model endpoint reset the connection')) },
      {},
      { code: 'provider-error', fact: 'confidence' },
    ],
    [
      'an irreversible provider that throws after an unexempt rule chose auto',
      { ...countingProviders(smallStoreCredit).providers, irreversible: () => { throw new Error('ledger lookup failed'); } },
      {},
      { code: 'provider-error', fact: 'irreversible' },
    ],
    [
      'a provider that never answers',
      { ...countingProviders(smallRefund).providers, customerBlocked: () => new Promise(() => {}) },
      { timeoutMs: 20 },
      { code: 'provider-timeout', fact: 'customerBlocked' },
    ],
    [
      'a provider answering a string where a number is declared',
      { ...countingProviders(smallRefund).providers, amount: () => '20' },
      {},
      { code: 'invalid-fact', fact: 'amount' },
    ],
    [
      'a provider answering a number out of the declared range',
      { ...countingProviders(smallRefund).providers, confidence: () => Promise.resolve(1.5) },
      {},
      { code: 'invalid-fact', fact: 'confidence' },
    ],
    [
      'a provider answering a value not in the declared enum',
      { ...countingProviders(smallRefund).providers, reasonCode: () => 'changed_mind' },
      {},
      { code: 'invalid-fact', fact: 'reasonCode' },
    ],
    [
      'a provider for a fact the policy does not declare',
      { ...countingProviders(smallRefund).providers, customerTier: () => 'gold' },
      {},
      { code: 'undeclared-fact', fact: 'customerTier' },
    ],
    [
      'an undeclared fact given up front',
      countingProviders(smallRefund).providers,
      { facts: { customerTier: 'gold' } },
      { code: 'undeclared-fact', fact: 'customerTier' },
    ],
  ];

  it.each(failures)('takes the onError route, never auto, with the cause and the fact named: %s', async (_name, providers, options, expected) => {
    const decision = await evaluateAsync(plan, providers, options);
    expect(decision.route).not.toBe('auto');
    expect(decision.route).toBe('escalate');
    expect(decision.error).toMatchObject(expected);
    expect(decision.error?.message).toContain(expected.fact);
    expect(decision.sampled).toBe(false);
    expect(decision.policy).toEqual({ name: 'support-refunds', version: 3, hash: plan.hash });
  });

  it('puts what the provider said in the error message', async () => {
    const decision = await evaluateAsync(plan, { ...countingProviders(smallRefund).providers, recentClaims: () => { throw new Error('CRM unavailable (503)'); } });
    expect(decision.error?.message).toContain('CRM unavailable (503)');
  });

  it('aborts the signal of a provider that timed out, so it can stop its request', async () => {
    let signal: AbortSignal | undefined;
    const decision = await evaluateAsync(
      plan,
      {
        ...countingProviders(smallRefund).providers,
        recentClaims: (s) => {
          signal = s;
          return new Promise(() => {});
        },
      },
      { timeoutMs: 20 },
    );
    expect(decision.error).toMatchObject({ code: 'provider-timeout', fact: 'recentClaims' });
    expect(signal?.aborted).toBe(true);
  });

  it('calls no provider when one of them names an undeclared fact', async () => {
    const { providers, calls } = countingProviders(smallRefund);
    const decision = await evaluateAsync(plan, { ...providers, customerTier: () => 'gold' });
    expect(decision.error?.code).toBe('undeclared-fact');
    expect(Object.values(calls).every((count) => count === 0)).toBe(true);
  });

  it('fails closed even when the policy would otherwise default to auto', async () => {
    const lenient = compile(POLICY.replace('  default: approve_before', '  default: auto'));
    const throwing = { recentClaims: () => { throw new Error('CRM unavailable'); } };
    const decision = await evaluateAsync(lenient, throwing, { facts: { actionType: 'refund', amount: 20, irreversible: false } });
    expect(decision.route).toBe('escalate');
    expect(decision.error).toMatchObject({ code: 'provider-error', fact: 'recentClaims' });
  });
});

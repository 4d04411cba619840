import { describe, expect, it } from 'vitest';
import { compilePolicy, errorDecision, evaluate, loadPolicy, type CompiledPolicy } from '../index.js';

const REFUNDS = `
apiVersion: oversight/v1
kind: RoutingPolicy
metadata: { name: support-refunds, version: 3, owner: support-operations }
spec:
  strategy: most-restrictive
  default: approve_before
  onError: escalate
  facts:
    amount: { type: number, minimum: 0 }
    confidence: { type: number, minimum: 0, maximum: 1 }
    recentClaims: { type: integer, minimum: 0 }
    method: { type: string, enum: [original_payment, store_credit, bank_transfer] }
    customer: { type: object }
    irreversible: { type: boolean }
  thresholds:
    autoRefundMax: { value: 50, min: 0 }
    minConfidence: { value: 0.9, min: 0, max: 1 }
    hardCap: { value: 5000 }
  reviewers:
    support-lead: { sla: 2h, escalateTo: support-manager }
    support-manager: { sla: 1d }
  sampling: { auto: 0.05 }
  rules:
    - id: small-confident-refund
      when:
        all:
          - { fact: amount, operator: lessThanInclusive, value: { threshold: autoRefundMax } }
          - { fact: confidence, operator: greaterThanInclusive, value: { threshold: minConfidence } }
      route: auto
    - id: store-credit
      when: { all: [ { fact: method, operator: equal, value: store_credit }, { fact: amount, operator: lessThan, value: 200 } ] }
      route: auto
      exempt: [irreversible]
      justification: Store credit can be clawed back from the customer's balance.
    - id: above-auto-cap
      when: { fact: amount, operator: greaterThan, value: { threshold: autoRefundMax } }
      route: approve_before
      reviewer: support-lead
    - id: repeat-claimant
      when: { fact: recentClaims, operator: greaterThanInclusive, value: 3 }
      route: escalate
      reviewer: support-manager
    - id: vip-customer
      when: { fact: customer, path: $.tier, operator: in, value: [gold, platinum] }
      route: review_after
      reviewer: support-lead
    - id: over-hard-cap
      when: { not: { fact: amount, operator: lessThanInclusive, value: { threshold: hardCap } } }
      route: deny
  packet:
    summary: "Refund of {{amount}} by {{method}} for a {{customer.tier}} customer"
    context: [confidence, recentClaims]
    impact: [amount]
`;

function compile(text: string): CompiledPolicy {
  const loaded = loadPolicy(text, 'support-refunds.yaml');
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.diagnostics));
  return compilePolicy(loaded.policy);
}
const plan = compile(REFUNDS);
const firstMatch = compile(REFUNDS.replace('strategy: most-restrictive', 'strategy: first-match'));
const ok = { amount: 20, confidence: 0.95, recentClaims: 0, method: 'original_payment', customer: { tier: 'basic' }, irreversible: false };
const ids = (decision: { matched: { id: string }[] }) => decision.matched.map((rule) => rule.id);

describe('evaluate: combining rules', () => {
  it('takes the most restrictive matched route and reports every matched rule, the deciding one first', () => {
    const decision = evaluate(plan, { ...ok, amount: 120, recentClaims: 4 });
    expect(decision.route).toBe('escalate');
    expect(ids(decision)).toEqual(['repeat-claimant', 'above-auto-cap']);
    expect(decision.reviewer).toBe('support-manager');
  });

  it('lets the first matching rule decide under first-match', () => {
    const decision = evaluate(firstMatch, { ...ok, amount: 120, recentClaims: 4 });
    expect(decision.route).toBe('approve_before');
    expect(ids(decision)[0]).toBe('above-auto-cap');
  });

  it("takes the policy's default when no rule matches, and says so in the packet", () => {
    const decision = evaluate(plan, { ...ok, confidence: 0.5 });
    expect(decision.route).toBe('approve_before');
    expect(decision.matched).toEqual([]);
    expect(decision.packet?.why[0]).toBe("no rule matched; the policy's default is approve_before");
  });

  it('defaults to approve_before, never auto, when the policy names no default', () => {
    const noDefault = compile(REFUNDS.replace('  default: approve_before\n', ''));
    expect(evaluate(noDefault, { ...ok, confidence: 0.5 }).route).toBe('approve_before');
  });
});

describe('evaluate: missing facts', () => {
  it('fails closed to onError when an undecided rule is stricter than the decision reached', () => {
    const { recentClaims: _, ...facts } = ok;
    const decision = evaluate(plan, facts);
    expect(decision.route).toBe('escalate');
    expect(decision.error).toMatchObject({ code: 'missing-fact', fact: 'recentClaims' });
    expect(decision.undecided).toEqual([{ id: 'repeat-claimant', route: 'escalate', missing: ['recentClaims'] }]);
    expect(ids(decision)).toEqual(['small-confident-refund']);
  });

  it('reports but ignores an undecided rule that could not make the decision stricter', () => {
    // small-confident-refund: amount holds, confidence is unknown, and its auto is no stricter than escalate.
    const { confidence: _, ...facts } = { ...ok, recentClaims: 5 };
    const decision = evaluate(plan, facts);
    expect(decision.route).toBe('escalate');
    expect(decision.error).toBeUndefined();
    expect(decision.undecided.map((rule) => rule.id)).toEqual(['small-confident-refund']);
  });

  it('counts a null fact as absent, not as invalid', () => {
    const decision = evaluate(plan, { ...ok, recentClaims: null });
    expect(decision.error?.code).toBe('missing-fact');
  });

  it('treats a missing field under a path like a missing fact', () => {
    const decision = evaluate(plan, { ...ok, customer: {} });
    expect(decision.undecided).toEqual([{ id: 'vip-customer', route: 'review_after', missing: ['customer.tier'] }]);
    expect(decision.route).toBe('escalate');
  });

  it('under first-match counts only the undecided rules ahead of the deciding rule', () => {
    // repeat-claimant (escalate) sits behind above-auto-cap, which decides: it cannot change the outcome.
    const { recentClaims: _, ...behind } = { ...ok, amount: 120 };
    const decided = evaluate(firstMatch, behind);
    expect(decided.route).toBe('approve_before');
    expect(decided.error).toBeUndefined();
    expect(decided.undecided.map((rule) => rule.id)).toEqual(['repeat-claimant']);
    // small-confident-refund is undecided ahead of store-credit, but no stricter than its auto: no effect either.
    const { confidence: __, ...ahead } = { ...ok, method: 'store_credit' };
    const automated = evaluate(firstMatch, ahead);
    expect(automated.route).toBe('auto');
    expect(automated.matched[0]?.id).toBe('store-credit');
  });
});

describe('evaluate: the irreversible gate', () => {
  it('routes an irreversible action to approve_before when no rule exempts it', () => {
    const decision = evaluate(plan, { ...ok, irreversible: true });
    expect(decision.route).toBe('approve_before');
    expect(decision.error).toBeUndefined();
    expect(decision.packet?.why[0]).toMatch(/irreversible action/);
  });

  it('keeps auto for an irreversible action through a rule that exempts it with a justification', () => {
    const decision = evaluate(plan, { ...ok, method: 'store_credit', amount: 150, irreversible: true, customer: { tier: 'basic' } });
    expect(decision.route).toBe('approve_before'); // above-auto-cap (approve_before) is stricter than the exempt auto
    const unsure = evaluate(plan, { ...ok, method: 'store_credit', confidence: 0.5, irreversible: true });
    expect(unsure.route).toBe('auto');
    expect(ids(unsure)).toEqual(['store-credit']);
  });

  it('lifts auto when any matched auto rule is not exempt, though another one is', () => {
    const both = evaluate(plan, { ...ok, method: 'store_credit', irreversible: true });
    expect(ids(both).sort()).toEqual(['small-confident-refund', 'store-credit']);
    expect(both.route).toBe('approve_before');
    expect(both.packet?.why[0]).toMatch(/^irreversible action: auto would run it before a person approves/);
  });

  it('fails closed when irreversibility is unknown and the route would be auto', () => {
    const { irreversible: _, ...facts } = ok;
    const decision = evaluate(plan, facts);
    expect(decision.route).toBe('escalate');
    expect(decision.error).toMatchObject({ code: 'irreversibility-unknown', fact: 'irreversible' });
    expect(ids(decision)).toEqual(['small-confident-refund']);
  });
});

describe('evaluate: bad facts never yield auto', () => {
  const cases: [string, unknown, string][] = [
    ['a fact the policy does not declare', { ...ok, coupon: 'X' }, 'undeclared-fact'],
    ['a __proto__ key', JSON.parse(`{"__proto__": {"amount": 1}, "amount": 20, "confidence": 0.95, "irreversible": false}`), 'undeclared-fact'],
    ['a constructor key', { ...ok, constructor: 'x' }, 'undeclared-fact'],
    ['a string where a number is declared', { ...ok, amount: '20' }, 'invalid-fact'],
    ['a value below its minimum', { ...ok, amount: -5 }, 'invalid-fact'],
    ['a value outside its enum', { ...ok, method: 'crypto' }, 'invalid-fact'],
    ['NaN', { ...ok, amount: Number.NaN }, 'invalid-fact'],
    ['Infinity', { ...ok, confidence: Number.POSITIVE_INFINITY }, 'invalid-fact'],
    ['-Infinity', { ...ok, amount: Number.NEGATIVE_INFINITY }, 'invalid-fact'],
    ['a fractional count', { ...ok, recentClaims: 1.5 }, 'invalid-fact'],
    ['a list instead of an object', [ok], 'invalid-fact'],
    ['null instead of an object', null, 'invalid-fact'],
  ];
  for (const [what, facts, code] of cases) {
    it(`routes ${what} to onError with code ${code}`, () => {
      const decision = evaluate(plan, facts);
      expect(decision.route).toBe('escalate');
      expect(decision.error?.code).toBe(code);
      expect(decision.matched).toEqual([]);
    });
  }

  it('names the invalid fact and what it must be', () => {
    expect(evaluate(plan, { ...ok, amount: -5 }).error).toEqual({ code: 'invalid-fact', message: "fact 'amount' is -5: must be >= 0", fact: 'amount' });
  });

  it('never meets a value under a path of the wrong type: a numeric operator needs the field declared a number', () => {
    const numeric = REFUNDS.replace('operator: in, value: [gold, platinum]', 'operator: greaterThan, value: 2');
    const loaded = loadPolicy(numeric, 'support-refunds.yaml');
    expect(loaded.ok).toBe(false);
    const typed = compile(numeric.replace('customer: { type: object }', 'customer: { type: object, properties: { tier: { type: integer } } }'));
    const decision = evaluate(typed, { ...ok, customer: { tier: 'gold' } });
    expect(decision.error).toMatchObject({ code: 'invalid-fact', fact: 'customer' });
    expect(decision.route).toBe('escalate');
  });
});

describe('evaluate: what a person sees', () => {
  it('explains each matched rule with the actual values and threshold names', () => {
    const decision = evaluate(plan, { ...ok, amount: 120, customer: { tier: 'gold' } });
    expect(decision.matched).toEqual([
      { id: 'above-auto-cap', route: 'approve_before', because: ['amount 120 > autoRefundMax 50'] },
      { id: 'vip-customer', route: 'review_after', because: ['customer.tier "gold" in ["gold","platinum"]'] },
    ]);
  });

  it('explains a negated condition as the comparison that held', () => {
    const decision = evaluate(plan, { ...ok, amount: 9000 });
    expect(decision.matched[0]).toEqual({ id: 'over-hard-cap', route: 'deny', because: ['amount 9000 > hardCap 5000'] });
  });

  it('gives the reviewer, the SLA and, with a clock, the deadline', () => {
    const decision = evaluate(plan, { ...ok, amount: 120 }, { now: new Date('2026-11-25T10:00:00Z') });
    expect(decision).toMatchObject({ reviewer: 'support-lead', sla: '2h', slaSeconds: 7200, deadline: '2026-11-25T12:00:00.000Z' });
  });

  it('builds a packet a reviewer can act on: summary, action, why, context, impact and choices', () => {
    const decision = evaluate(plan, { ...ok, amount: 120, method: 'bank_transfer' });
    expect(decision.packet).toEqual({
      summary: 'Refund of 120 by bank_transfer for a basic customer',
      action: { ...ok, amount: 120, method: 'bank_transfer' },
      why: ['above-auto-cap (approve_before): amount 120 > autoRefundMax 50'],
      context: { confidence: 0.95, recentClaims: 0 },
      impact: { amount: 120 },
      choices: ['approve', 'reject', 'edit', 'escalate'],
    });
  });

  it('has no packet for decisions no person acts on (auto, deny)', () => {
    expect(evaluate(plan, ok).packet).toBeUndefined();
    expect(evaluate(plan, { ...ok, amount: 9000 }).packet).toBeUndefined();
  });

  it('carries the policy name, version and content hash', () => {
    expect(evaluate(plan, ok).policy).toEqual({ name: 'support-refunds', version: 3, hash: plan.hash });
    expect(plan.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
});

describe('evaluate: QA sampling', () => {
  it('samples the same decision key the same way every time (a replay reproduces it)', () => {
    const keys = Array.from({ length: 200 }, (_, i) => `refund-${i}`);
    const first = keys.map((decisionKey) => evaluate(plan, ok, { decisionKey }).sampled);
    expect(keys.map((decisionKey) => evaluate(compile(REFUNDS), ok, { decisionKey }).sampled)).toEqual(first);
  });

  it('samples close to the policy rate of automatic decisions', () => {
    const sampled = Array.from({ length: 20_000 }, (_, i) => evaluate(plan, ok, { decisionKey: `d-${i}` }).sampled).filter(Boolean).length;
    expect(sampled / 20_000).toBeGreaterThan(0.04);
    expect(sampled / 20_000).toBeLessThan(0.06);
  });

  it('hashes the canonical facts when no key is given, so key order does not matter', () => {
    const rate1 = compile(REFUNDS.replace('auto: 0.05', 'auto: 0.5'));
    const results = Array.from({ length: 40 }, (_, amount) => {
      const facts = { ...ok, amount };
      const reordered = Object.fromEntries(Object.entries(facts).reverse());
      return [evaluate(rate1, facts).sampled, evaluate(rate1, reordered).sampled];
    });
    for (const [a, b] of results) expect(a).toBe(b);
    expect(new Set(results.map(([a]) => a)).size).toBe(2);
  });

  it('never samples a decision that is not auto', () => {
    const always = compile(REFUNDS.replace('auto: 0.05', 'auto: 1'));
    expect(evaluate(always, ok).sampled).toBe(true);
    expect(evaluate(always, { ...ok, amount: 120 }).sampled).toBe(false);
  });
});

describe('evaluate: threshold overrides', () => {
  it('uses the given threshold values instead of the policy', () => {
    expect(evaluate(plan, { ...ok, amount: 120 }, { thresholds: { autoRefundMax: 150 } }).route).toBe('auto');
    expect(evaluate(plan, { ...ok, amount: 120 }).route).toBe('approve_before');
  });

  it('records the overrides in the decision, since the policy hash alone would not reproduce it', () => {
    const overridden = evaluate(plan, { ...ok, amount: 120 }, { thresholds: { autoRefundMax: 150 } });
    expect(overridden.policy).toEqual({ name: plan.name, version: plan.version, hash: plan.hash, thresholds: { autoRefundMax: 150 } });
    expect(evaluate(plan, ok).policy).not.toHaveProperty('thresholds');
    expect(errorDecision(plan, { code: 'invalid-json', message: 'line 2: not JSON' }, { thresholds: { autoRefundMax: 150 } }).policy.thresholds).toEqual({ autoRefundMax: 150 });
  });

  it('rejects an override of a threshold the policy does not have', () => {
    expect(() => evaluate(plan, ok, { thresholds: { autoRefundMaximum: 1 } })).toThrow(/no threshold 'autoRefundMaximum'/);
  });
});

describe('evaluate: an action with several bad facts', () => {
  it('names every invalid fact, the first one as error.fact', () => {
    const decision = evaluate(plan, { ...ok, amount: -5, confidence: 7 });
    expect(decision.error).toEqual({
      code: 'invalid-fact',
      message: "fact 'amount' is -5: must be >= 0; fact 'confidence' is 7: must be <= 1",
      fact: 'amount',
    });
  });

  it('names every undeclared fact', () => {
    const decision = evaluate(plan, { ...ok, tier: 'gold', region: 'EU' });
    expect(decision.error).toEqual({
      code: 'undeclared-fact',
      message: "facts 'tier', 'region' are not declared by policy support-refunds; declare them under spec.facts or stop sending them",
      fact: 'tier',
    });
  });
});

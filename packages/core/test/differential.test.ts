import fc from 'fast-check';
import { Engine, type TopLevelCondition } from 'json-rules-engine';
import { describe, expect, it } from 'vitest';
import { planOf } from '../src/compile/plan.js';
import { evaluateCondition } from '../src/evaluate/conditions.js';
import { compilePolicy, evaluate, evaluateRoute, ROUTES, type Condition, type Policy } from '../src/index.js';
import { completeFacts, partialFacts, policy as arbitraryPolicy } from './arbitraries.js';

// json-rules-engine is the engine of record for the condition language; the
// compiled kernel and the reference interpreter must agree with it and each other.

const onlyDeclared = (policy: Policy, facts: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(facts).filter(([name]) => name in policy.spec.facts));

function toEngineCondition(condition: Condition, policy: Policy): unknown {
  if ('all' in condition) return { all: condition.all.map((c) => toEngineCondition(c, policy)) };
  if ('any' in condition) return { any: condition.any.map((c) => toEngineCondition(c, policy)) };
  if ('not' in condition) return { not: toEngineCondition(condition.not, policy) };
  const value = typeof condition.value === 'object' && condition.value !== null && 'threshold' in condition.value
    ? policy.spec.thresholds![condition.value.threshold]!.value
    : condition.value;
  return { fact: condition.fact, operator: condition.operator, value, ...(condition.path ? { path: condition.path } : {}) };
}

async function firedByEngine(policy: Policy, facts: Record<string, unknown>): Promise<Set<string>> {
  const engine = new Engine([], { allowUndefinedFacts: true });
  for (const rule of policy.spec.rules) {
    engine.addRule({ conditions: { all: [toEngineCondition(rule.when, policy)] } as TopLevelCondition, event: { type: rule.id } });
  }
  const { events } = await engine.run(structuredClone(facts));
  return new Set(events.map((event) => event.type));
}

// The route json-rules-engine's fired events give under the policy's strategy, before the irreversible gate.
function engineRoute(policy: Policy, fired: Set<string>): string {
  const firing = policy.spec.rules.filter((rule) => fired.has(rule.id));
  if (firing.length === 0) return policy.spec.default!;
  if (policy.spec.strategy === 'first-match') return firing[0]!.route;
  return firing.reduce((a, b) => (ROUTES.indexOf(b.route) > ROUTES.indexOf(a.route) ? b : a)).route;
}

describe('the compiled evaluator against json-rules-engine', () => {
  it('fires exactly the rules json-rules-engine fires, and routes as its events say, on 1,000 random policies with all facts present', async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryPolicy, completeFacts, async (policy, allFacts) => {
        const facts = onlyDeclared(policy, { ...allFacts, irreversible: false });
        const plan = compilePolicy(policy);
        const decision = evaluate(plan, facts);
        const fired = await firedByEngine(policy, facts);
        expect(new Set(decision.matched.map((rule) => rule.id))).toEqual(fired);
        expect(decision.undecided).toEqual([]);
        expect(decision.route).toBe(engineRoute(policy, fired));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('the generated kernel against the reference interpreter', () => {
  it('decides every rule true, false or unknown exactly as evaluateCondition does, with facts missing', () => {
    fc.assert(
      fc.property(arbitraryPolicy, partialFacts, (policy, someFacts) => {
        const plan = compilePolicy(policy);
        const facts = onlyDeclared(policy, someFacts);
        const result = evaluateRoute(plan, facts);
        const internal = planOf(plan);
        const values = internal.facts.map((fact) => facts[fact.name]);
        const expected = internal.rules.map((rule) => evaluateCondition(rule.when, values, plan.thresholdValues));
        expect([...result.states]).toEqual(expected);
      }),
      { numRuns: 1000 },
    );
  });

  it('gives the same route from evaluateRoute as from evaluate', () => {
    fc.assert(
      fc.property(arbitraryPolicy, partialFacts, (policy, someFacts) => {
        const plan = compilePolicy(policy);
        const facts = onlyDeclared(policy, someFacts);
        const full = evaluate(plan, facts);
        const route = evaluateRoute(plan, facts);
        expect(route.route).toBe(full.route);
        expect(route.reviewer).toBe(full.reviewer);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('laws', () => {
  it('is deterministic: the same facts give the same decision, whatever was evaluated in between', () => {
    fc.assert(
      fc.property(arbitraryPolicy, partialFacts, partialFacts, (policy, a, b) => {
        const plan = compilePolicy(policy);
        const first = evaluate(plan, onlyDeclared(policy, a), { decisionKey: 'k-1' });
        evaluate(plan, onlyDeclared(policy, b));
        expect(evaluate(compilePolicy(policy), onlyDeclared(policy, a), { decisionKey: 'k-1' })).toEqual(first);
        expect(evaluate(plan, onlyDeclared(policy, a), { decisionKey: 'k-1' })).toEqual(first);
      }),
      { numRuns: 1000 },
    );
  });

  // For a reversible action. On an irreversible one, design.md's step 5 counts only
  // undecided rules stricter than the route: an undecided unexempt auto rule beside
  // a matched exempt one leaves auto standing, though matching it would lift the
  // route. The exempt rule alone allows that action to run, so auto stays within
  // what an exemption states; the gate's own law is the next property.
  it('never automates for lack of a fact: if facts with some missing give auto, the complete facts give auto too (most-restrictive, reversible actions)', () => {
    fc.assert(
      fc.property(arbitraryPolicy, completeFacts, fc.array(fc.boolean(), { minLength: 7, maxLength: 7 }), (policy, allFacts, drop) => {
        fc.pre(policy.spec.strategy === 'most-restrictive');
        const plan = compilePolicy(policy);
        const complete = onlyDeclared(policy, { ...allFacts, irreversible: false });
        const partial = Object.fromEntries(Object.entries(complete).filter(([name], i) => name === 'irreversible' || !drop[i]));
        if (evaluate(plan, partial).route === 'auto') expect(evaluate(plan, complete).route).toBe('auto');
      }),
      { numRuns: 1000 },
    );
  });

  it('routes an action whose irreversible fact is true to auto only through an exempt rule', () => {
    fc.assert(
      fc.property(arbitraryPolicy, completeFacts, (policy, allFacts) => {
        fc.pre('irreversible' in policy.spec.facts);
        const decision = evaluate(compilePolicy(policy), { ...onlyDeclared(policy, allFacts), irreversible: true });
        if (decision.route === 'auto') {
          const exempt = new Set(policy.spec.rules.filter((rule) => rule.exempt).map((rule) => rule.id));
          expect(decision.matched.some((rule) => exempt.has(rule.id))).toBe(true);
        }
      }),
      { numRuns: 1000 },
    );
  });
});

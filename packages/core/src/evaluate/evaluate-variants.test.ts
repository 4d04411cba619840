import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { policy as arbitraryPolicy, partialFacts } from '../../test/arbitraries.js';
import { compilePolicy, evaluateRoute, thresholdValuesFor, type CompiledPolicy, type Policy } from '../index.js';
import { evaluateVariants, prepareVariants, type RouteVariant } from '../internal.js';

function snapshot(plan: CompiledPolicy, facts: unknown, thresholds?: ArrayLike<number>) {
  const { route, error, deciding, reviewer, states } = evaluateRoute(plan, facts, thresholds);
  return { route, error, deciding, reviewer, states: [...states] };
}

const onlyDeclared = (policy: Policy, facts: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(facts).filter(([name]) => name in policy.spec.facts));

describe('evaluateVariants', () => {
  it('gives every variant the route evaluateRoute gives it alone: threshold variants, other policies, bad facts', () => {
    const thresholdPair = fc.record({ cap: fc.integer({ min: 0, max: 10 }), floor: fc.integer({ min: 0, max: 10 }) });
    const badFacts = fc.constantFrom<unknown>(null, [], 'text', { undeclaredFact: 1 }, { amount: 'many' }, { amount: -1 });
    const facts = fc.oneof({ weight: 8, arbitrary: partialFacts.map((good) => ({ good })) }, { weight: 1, arbitrary: badFacts.map((bad) => ({ bad })) });
    fc.assert(
      fc.property(arbitraryPolicy, arbitraryPolicy, fc.array(thresholdPair, { maxLength: 4 }), facts, (first, second, overrides, someFacts) => {
        const a = compilePolicy(first);
        const b = compilePolicy(second);
        const variants: RouteVariant[] = [{ plan: a }, { plan: b }, ...overrides.map((values) => ({ plan: a, thresholds: thresholdValuesFor(a, values) }))];
        const input = 'good' in someFacts ? onlyDeclared(first, someFacts.good) : someFacts.bad;
        const seen: unknown[] = new Array(variants.length);
        evaluateVariants(prepareVariants(variants), input, (index, result) => {
          seen[index] = { route: result.route, error: result.error, deciding: result.deciding, reviewer: result.reviewer, states: [...result.states] };
        });
        variants.forEach((variant, index) => expect(seen[index], `variant ${index}`).toEqual(snapshot(variant.plan, input, variant.thresholds)));
      }),
      { numRuns: 1000 },
    );
  });

  it('checks the facts once for policies that declare the same facts, and apart for those that do not', () => {
    const base = fc.sample(arbitraryPolicy, { numRuns: 1, seed: 7 })[0]!;
    const sameFacts = { ...base, spec: { ...base.spec, default: 'deny' as const } };
    const otherFacts = { ...base, spec: { ...base.spec, facts: { ...base.spec.facts, extra: { type: 'string' } } } };
    const set = prepareVariants([compilePolicy(base), compilePolicy(sameFacts), compilePolicy(otherFacts)].map((plan) => ({ plan })));
    expect(set.groups.map((group) => group.members.map((member) => member.index))).toEqual([[0, 1], [2]]);
  });
});

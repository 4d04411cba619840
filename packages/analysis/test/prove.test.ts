import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { compilePolicy, evaluate, loadPolicy, type Route } from '@oversight/core';
import { describe, expect, it } from 'vitest';
import { condition as arbitraryCondition } from '../../core/test/arbitraries.js';
import { cellsOf, inBox, provePolicy, type ClaimResult } from '../src/index.js';
import { policyFrom } from './policy-text.js';
import { conditionPolicy } from '../src/prove.js';
import { facts as anyFacts, policy as arbitraryPolicy } from './arbitraries.js';

const ROUTES: Route[] = ['auto', 'review_after', 'approve_before', 'escalate', 'deny'];

/** Whether facts lie in one of a claim's failure regions. */
const failsAt = (result: ClaimResult, facts: Record<string, unknown>) => result.failures.some((failure) => inBox(failure.box, cellsOf(result.space, facts)));

describe('oversight prove', () => {
  it('finds an irreversible action that runs first exactly where evaluate lets one run first, and every failure example does', () => {
    fc.assert(
      fc.property(arbitraryPolicy, fc.array(anyFacts, { minLength: 100, maxLength: 100 }), (policy, samples) => {
        const compiled = compilePolicy(policy);
        const [strict, lenient] = provePolicy(compiled, [
          { name: 'no exemption allowed', kind: 'irreversible-waits', exempt: [] },
          { name: 'the policy’s exemptions allowed', kind: 'irreversible-waits' },
        ]);
        expect(lenient!.holds).toBe(true);
        for (const failure of strict!.failures) {
          const decision = evaluate(compiled, failure.example!);
          expect(['auto', 'review_after']).toContain(decision.route);
          expect(failure.example!.irreversible === true || failure.example!.irreversible == null).toBe(true);
        }
        const declares = Object.hasOwn(policy.spec.facts, 'irreversible');
        const runsFirst = (facts: Record<string, unknown>) => {
          const decision = evaluate(compiled, facts);
          return declares && decision.error === undefined && (decision.route === 'auto' || decision.route === 'review_after') && facts.irreversible !== false && decision.matched.length > 0;
        };
        // A sample lies in a failure region exactly when it runs first unchecked.
        for (const facts of samples) expect(failsAt(strict!, facts), JSON.stringify(facts)).toBe(runsFirst(facts));
      }),
      { numRuns: 60 },
    );
  });

  it('answers a route claim: every failure example breaks it, and every sample that breaks it is found', () => {
    fc.assert(
      fc.property(arbitraryPolicy, arbitraryCondition, fc.subarray(ROUTES, { minLength: 1 }), fc.array(anyFacts, { minLength: 100, maxLength: 100 }), (policy, when, allowed, samples) => {
        const compiled = compilePolicy(policy);
        const claim = conditionPolicy(policy, when);
        const [result] = provePolicy(compiled, [{ name: 'stated route', kind: 'route', when, is: allowed }]);
        const breaks = (facts: Record<string, unknown>) => evaluate(claim, facts).route === 'deny' && !allowed.includes(evaluate(compiled, facts).route);
        for (const failure of result!.failures) expect(breaks(failure.example!)).toBe(true);
        for (const facts of samples) expect(failsAt(result!, facts), JSON.stringify(facts)).toBe(breaks(facts));
      }),
      { numRuns: 60 },
    );
  });

  it('fails the shipped refunds claim with an example when an exemption is added to an auto rule that admits irreversible actions', () => {
    const text = readFileSync(new URL('../../../policies/support-refunds.yaml', import.meta.url), 'utf8');
    const seeded = text.replace(
      '    - id: small-store-credit\n',
      '    - id: small-store-credit\n      exempt: [irreversible]\n      justification: seeded defect for the test\n',
    );
    expect(seeded).not.toBe(text);
    const loaded = loadPolicy(seeded, 'seeded.yaml');
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.diagnostics));
    const compiled = compilePolicy(loaded.policy);
    const [result] = provePolicy(compiled, [{ name: 'irreversible refunds wait', kind: 'irreversible-waits', exempt: ['small-confident-refund'] }]);
    expect(result!.holds).toBe(false);
    const example = result!.failures[0]!.example!;
    expect(example.actionType).toBe('store_credit');
    expect(evaluate(compiled, example).route).toBe('auto');
    expect(result!.failures[0]!.note).toContain('small-store-credit');
  });

  it('names a rule that never decides, with the rule that wins where it matches', () => {
    const shadowed = policyFrom(
      'shadowed',
      `  facts:
    amount: { type: number, minimum: 0 }
  rules:
    - { id: big, when: { fact: amount, operator: greaterThan, value: 100 }, route: deny }
    - { id: bigger, when: { fact: amount, operator: greaterThan, value: 500 }, route: escalate }
    - { id: small, when: { fact: amount, operator: lessThanInclusive, value: 100 }, route: auto }
`,
    );
    const [result] = provePolicy(compilePolicy(shadowed), [{ name: 'every rule decides', kind: 'rules-effective' }]);
    expect(result!.holds).toBe(false);
    expect(result!.failures.map((failure) => failure.note)).toEqual(['bigger never decides: where it matches, big decides']);
  });
});

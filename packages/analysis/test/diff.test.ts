import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { compilePolicy, evaluateRoute, loadPolicy, type Policy, type Route } from '@oversight/core';
import { describe, expect, it } from 'vitest';
import { policyAndReordered } from '../../core/test/arbitraries.js';
import { cellsOf, diffPolicies, inBox } from '../src/index.js';
import { facts as anyFacts, policy as arbitraryPolicy } from './arbitraries.js';

const ROUTES: Route[] = ['auto', 'review_after', 'approve_before', 'escalate', 'deny'];

/** A policy and a small edit of it: a threshold moved, a rule rerouted or dropped, the default changed. */
const policyAndEdit: fc.Arbitrary<[Policy, Policy]> = fc
  .tuple(arbitraryPolicy, fc.nat(), fc.constantFrom(...ROUTES), fc.constantFrom(0, 1, 2.5, 5, 9, 10), fc.nat(3))
  .map(([policy, pick, route, value, kind]) => {
    const edited = structuredClone(policy);
    const rules = edited.spec.rules;
    const i = pick % rules.length;
    if (kind === 0) edited.spec.thresholds!.cap!.value = value;
    else if (kind === 1) rules[i] = { ...rules[i]!, route, ...(route === 'auto' || route === 'review_after' ? {} : { exempt: undefined, justification: undefined }) };
    else if (kind === 2 && rules.length > 1) rules.splice(i, 1);
    else edited.spec.default = route;
    return [policy, JSON.parse(JSON.stringify(edited)) as Policy];
  });

const pairs = fc.oneof(policyAndEdit, fc.tuple(arbitraryPolicy, arbitraryPolicy));

describe('oversight diff regions', () => {
  it('hold exactly the inputs the two policies route differently (1,000 samples a pair)', () => {
    const seen = { inside: 0, outside: 0, unknown: 0 };
    fc.assert(
      fc.property(pairs, fc.array(anyFacts, { minLength: 1000, maxLength: 1000 }), ([a, b], samples) => {
        const [baseline, candidate] = [compilePolicy(a), compilePolicy(b)];
        const diff = diffPolicies(baseline, candidate);
        for (const region of diff.changed) {
          expect(evaluateRoute(baseline, region.example).route).toBe(region.from);
          expect(evaluateRoute(candidate, region.example).route).toBe(region.to);
        }
        for (const facts of samples) {
          const cells = cellsOf(diff.space, facts);
          const routes = [evaluateRoute(baseline, facts).route, evaluateRoute(candidate, facts).route];
          const changed = diff.changed.filter((region) => inBox(region.box, cells));
          if (diff.unknown.some((region) => inBox(region.box, cells))) {
            seen.unknown += 1;
            continue;
          }
          seen[changed.length === 0 ? 'outside' : 'inside'] += 1;
          if (changed.length === 0) expect(routes[1], JSON.stringify(facts)).toBe(routes[0]);
          else {
            expect(changed).toHaveLength(1);
            expect(routes).toEqual([changed[0]!.from, changed[0]!.to]);
          }
        }
      }),
      { numRuns: 40 },
    );
    // Both sides of the claim are tested on many inputs, and few are left unknown.
    expect(seen.inside).toBeGreaterThan(1000);
    expect(seen.outside).toBeGreaterThan(1000);
    expect(seen.unknown).toBeLessThan((seen.inside + seen.outside) / 10);
  });

  it('stops at its limit of boxes with the rest unknown, still exact where it decided', () => {
    const root = new URL('../../../policies/', import.meta.url);
    const loaded = loadPolicy(readFileSync(new URL('support-refunds.yaml', root), 'utf8'), 'support-refunds.yaml');
    if (!loaded.ok) throw new Error('the shipped policy does not load');
    const raised = structuredClone(loaded.policy);
    raised.spec.thresholds!.autoRefundMax!.value = 100;
    const [baseline, candidate] = [compilePolicy(loaded.policy), compilePolicy(raised)];
    const diff = diffPolicies(baseline, candidate, { maxBoxes: 4 });
    expect(diff.unknown.some((region) => region.stopped === true)).toBe(true);
    expect(diff.equivalent).toBe(false);
    const history = readFileSync(new URL('history/support-refunds.history.jsonl', root), 'utf8').trim().split('\n');
    for (const line of history.slice(0, 2000)) {
      const facts = (JSON.parse(line) as { facts: Record<string, unknown> }).facts;
      const cells = cellsOf(diff.space, facts);
      if (diff.unknown.some((region) => inBox(region.box, cells))) continue;
      const changed = diff.changed.find((region) => inBox(region.box, cells));
      expect([evaluateRoute(baseline, facts).route, evaluateRoute(candidate, facts).route]).toEqual(changed === undefined ? [evaluateRoute(baseline, facts).route, evaluateRoute(baseline, facts).route] : [changed.from, changed.to]);
    }
  });

  it('finds nothing between a policy and itself reordered, or with its rules renamed', () => {
    fc.assert(
      fc.property(policyAndReordered, ([policy, reordered]) => {
        const renamed = { ...reordered, spec: { ...reordered.spec, rules: reordered.spec.rules.map((rule) => ({ ...rule, id: `renamed-${rule.id}` })) } };
        const diff = diffPolicies(compilePolicy(policy), compilePolicy(renamed));
        expect(diff.changed).toEqual([]);
        expect(diff.equivalent).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});

import { describe, expect, it } from 'vitest';
import { compilePolicy, evaluate, loadPolicy } from '../index.js';
import { POLICY_LIMITS } from './check-limits.js';

// A rule made of `width` comparisons in one all, or one comparison under `depth` nots.
function policyText({ width = 1, depth = 0, rules = 1 }: { width?: number; depth?: number; rules?: number }): string {
  const leaf = (i: number) => `{ fact: amount, operator: lessThan, value: ${i + 10} }`;
  const when = depth > 0 ? `${'{ not: '.repeat(depth)}${leaf(0)}${' }'.repeat(depth)}` : `\n        all:\n${Array.from({ length: width }, (_, i) => `          - ${leaf(i)}\n`).join('')}`;
  return `apiVersion: oversight/v1
kind: RoutingPolicy
metadata: { name: wide-conditions, version: 1, owner: risk-operations }
spec:
  default: approve_before
  onError: escalate
  facts:
    amount: { type: number }
  rules:
${Array.from({ length: rules }, (_, i) => `    - id: small-amounts${i === 0 ? '' : `-${i}`}\n      when: ${when.trimEnd()}\n      route: deny\n`).join('')}`;
}

describe('policy limits', () => {
  it('loads, compiles and evaluates a condition of 5,000 comparisons in one all', () => {
    const loaded = loadPolicy(policyText({ width: 5000 }), 'wide.yaml');
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.diagnostics));
    const plan = compilePolicy(loaded.policy);
    expect(evaluate(plan, { amount: 9 }).route).toBe('deny');
    expect(evaluate(plan, { amount: 10 }).route).toBe('approve_before');
    expect(evaluate(plan, {}).route).toBe('escalate');
  });

  it(`refuses more than ${POLICY_LIMITS.comparisons} comparisons with a diagnostic that names the limit`, () => {
    const loaded = loadPolicy(policyText({ width: POLICY_LIMITS.comparisons / 2 + 1, rules: 2 }), 'wide.yaml');
    expect(loaded.ok).toBe(false);
    if (loaded.ok) return;
    expect(loaded.diagnostics).toHaveLength(1);
    expect(loaded.diagnostics[0]).toMatchObject({ ruleId: 'policy-too-large', range: { start: { line: 9, column: 3 } } });
    expect(loaded.diagnostics[0]!.message).toBe(
      `spec.rules: the rules hold ${POLICY_LIMITS.comparisons + 2} fact comparisons; a policy may hold at most ${POLICY_LIMITS.comparisons}. Split it into policies per action type, or turn long lists of equal comparisons into one in`,
    );
  });

  it(`evaluates a condition nested ${POLICY_LIMITS.conditionDepth} levels deep and refuses one level more, naming the rule and the limit`, () => {
    const deepest = loadPolicy(policyText({ depth: POLICY_LIMITS.conditionDepth }), 'deep.yaml');
    if (!deepest.ok) throw new Error(JSON.stringify(deepest.diagnostics));
    // An even number of nots is the comparison itself.
    expect(evaluate(compilePolicy(deepest.policy), { amount: 1 }).route).toBe('deny');
    const tooDeep = loadPolicy(policyText({ depth: POLICY_LIMITS.conditionDepth + 1 }), 'deep.yaml');
    expect(tooDeep.ok).toBe(false);
    if (tooDeep.ok) return;
    expect(tooDeep.diagnostics.map((d) => [d.ruleId, d.message])).toEqual([
      ['policy-too-large', `spec.rules[0].when: rule 'small-amounts' nests all / any / not ${POLICY_LIMITS.conditionDepth + 1} levels deep; a condition may nest at most ${POLICY_LIMITS.conditionDepth}. Split the rule, or flatten nested all (or any) into one list`],
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { evaluate, evaluateRoute, loadPolicy, type Policy } from '../index.js';
import { compilePolicy } from './compile-policy.js';
import { UnsupportedPatternError } from './linear-regexp.js';

/** A policy whose facts carry the classic catastrophic-backtracking patterns, where each can sit in a schema. */
const POLICY = `apiVersion: oversight/v1
kind: RoutingPolicy
metadata: { name: hostile-patterns, version: 1, owner: security }
spec:
  default: auto
  onError: escalate
  facts:
    code: { type: string, pattern: "^(a|a)*$" }
    label: { type: string, pattern: "^(a+)+$" }
    attributes: { type: object, patternProperties: { "^(a+)+$": { type: number } } }
    tags: { type: object, propertyNames: { pattern: "^(a|a)*$" } }
    nested: { type: object, properties: { items: { type: array, items: { type: string, pattern: "^(a|aa)+$" } } } }
  rules:
    - id: big
      when: { fact: code, operator: equal, value: aaa }
      route: deny
`;

function compile(text: string) {
  const loaded = loadPolicy(text, 'hostile-patterns.yaml');
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.diagnostics));
  return compilePolicy(loaded.policy);
}

// Below the 1 MiB a fact line may have; a backtracking engine needs minutes for 33 characters.
const LONG = 100_000;
const attack = 'a'.repeat(LONG) + '!';

describe('compilePolicy: fact patterns run in linear time', () => {
  const plan = compile(POLICY);

  it('decides a 100,000-character adversarial value against patterns that backtrack catastrophically: invalid, so onError', () => {
    // No timing assertion: on a backtracking engine this test does not end within the test timeout.
    for (const facts of [{ code: attack }, { label: attack }, { code: 'a'.repeat(LONG - 1) + 'b' }]) {
      const decision = evaluate(plan, facts);
      expect(decision.route).toBe('escalate');
      expect(decision.error).toMatchObject({ code: 'invalid-fact', fact: Object.keys(facts)[0] });
      expect(evaluateRoute(plan, facts).route).toBe('escalate');
    }
  });

  it('accepts a 100,000-character value that matches, on the same patterns', () => {
    const decision = evaluate(plan, { code: 'a'.repeat(LONG), label: 'a'.repeat(LONG) });
    expect(decision.error).toBeUndefined();
    expect(decision.route).toBe('auto');
  });

  it('runs patternProperties keys, propertyNames and patterns nested under properties and items on the same engine', () => {
    const decide = (facts: Record<string, unknown>) => evaluate(plan, { code: 'a', ...facts });
    // The adversarial key does not match ^(a+)+$, so its value is not constrained: testing it is what would stall.
    expect(decide({ attributes: { [attack]: 'not a number' } }).error).toBeUndefined();
    expect(decide({ attributes: { ['a'.repeat(LONG)]: 'not a number' } }).error).toMatchObject({ code: 'invalid-fact', fact: 'attributes' });
    expect(decide({ tags: { [attack]: 1 } }).error).toMatchObject({ code: 'invalid-fact', fact: 'tags' });
    expect(decide({ nested: { items: ['aa', attack] } }).error).toMatchObject({ code: 'invalid-fact', fact: 'nested' });
    const valid = decide({ attributes: { [attack]: 'x', ['a'.repeat(LONG)]: 1 }, tags: { ['a'.repeat(LONG)]: 1 }, nested: { items: ['a'.repeat(LONG)] } });
    expect(valid.error).toBeUndefined();
    expect(valid.route).toBe('auto');
  });

  it('throws, as for any policy the loader rejects, on a pattern RE2 cannot run', () => {
    const policy = structuredClone((loadPolicy(POLICY, 'p.yaml') as { policy: Policy }).policy);
    policy.spec.facts.code = { type: 'string', pattern: '^(?!x)' };
    expect(() => compilePolicy(policy)).toThrow(UnsupportedPatternError);
  });
});

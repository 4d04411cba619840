import { describe, expect, it } from 'vitest';
import { loadPolicy } from './load-policy.js';

const policyWith = (fact: string) => `apiVersion: oversight/v1
kind: RoutingPolicy
metadata: { name: patterns, version: 1, owner: security }
spec:
  default: approve_before
  facts:
    amount: { type: number }
${fact}
  rules:
    - id: big
      when: { fact: amount, operator: greaterThan, value: 100 }
      route: deny
`;

const diagnosticsOf = (fact: string) => {
  const loaded = loadPolicy(policyWith(fact), 'patterns.yaml');
  return loaded.ok ? [] : loaded.diagnostics;
};

describe('checkReferences: fact schema patterns', () => {
  it('refuses a pattern with a lookahead at load, on the fact, saying the linear-time engine does not support it', () => {
    const [diagnostic, ...others] = diagnosticsOf('    password: { type: string, pattern: "^(?=.*[0-9]).{8,}$" }');
    expect(others).toEqual([]);
    expect(diagnostic).toMatchObject({ ruleId: 'unsupported-pattern', severity: 'error', range: { start: { line: 8, column: 15 }, end: { line: 8, column: 62 } } });
    expect(diagnostic!.message).toBe(
      "spec.facts.password: pattern '^(?=.*[0-9]).{8,}$' uses a lookahead ((?=…) or (?!…)), which the linear-time engine does not support: " +
        'rewrite the pattern without it (a value that must pass several tests can use allOf with a pattern each, and one that must not match something not: { pattern: … })',
    );
  });

  it.each([
    ['a lookbehind in a nested property', '{ type: object, properties: { price: { type: string, pattern: "(?<=\\\\$)[0-9]+" } } }', 'uses a lookbehind ((?<=…) or (?<!…))'],
    ['a backreference in a patternProperties key', '{ type: object, patternProperties: { "^(a)\\\\1$": { type: number } } }', 'uses a backreference (\\1)'],
    ['a lookahead in propertyNames', '{ type: object, propertyNames: { pattern: "^(?!x)" } }', 'uses a lookahead ((?=…) or (?!…))'],
    ['a lookahead under items', '{ type: array, items: { type: string, pattern: "(?=a)" } }', 'uses a lookahead ((?=…) or (?!…))'],
    ['a repetition count above 1000', '{ type: string, pattern: "^[a-z]{1,5000}$" }', 'uses a repetition count above 1000 ({1,5000})'],
  ])('refuses %s the same way', (_, schema, message) => {
    const diagnostics = diagnosticsOf(`    code: ${schema}`);
    expect(diagnostics.map((d) => d.ruleId)).toEqual(['unsupported-pattern']);
    expect(diagnostics[0]!.message).toMatch(/^spec\.facts\.code: pattern '.*' /);
    expect(diagnostics[0]!.message).toContain(`${message}, which the linear-time engine does not support: `);
  });

  it("keeps invalid-fact-schema, in the native parser's words, for a pattern that is not a regular expression", () => {
    const diagnostics = diagnosticsOf('    code: { type: string, pattern: "(" }');
    expect(diagnostics.map((d) => [d.ruleId, d.message])).toEqual([['invalid-fact-schema', 'spec.facts.code: not a valid JSON Schema: Invalid regular expression: /(/u: Unterminated group']]);
  });

  it('loads the catastrophic-backtracking shapes, which run in linear time on RE2', () => {
    expect(diagnosticsOf('    code: { type: string, pattern: "^(a|a)*$" }\n    label: { type: object, patternProperties: { "^(a+)+$": {} } }')).toEqual([]);
  });
});

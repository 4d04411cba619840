import { describe, expect, it } from 'vitest';
import { at, lintWith, policyText, RULES_LINE } from '../../test/policy-text.js';
import { undeclaredFact } from './undeclared-fact.js';

describe('undeclared-fact', () => {
  it('reports a condition on an undeclared fact at the fact name, with a suggestion', () => {
    const text = policyText({ rules: '    - id: a\n      when: { fact: amout, operator: greaterThan, value: 5 }\n      route: deny\n' });
    const [finding] = lintWith(undeclaredFact, text);
    expect(finding?.message).toBe("spec.rules[0].when.fact: 'amout' is not a declared fact; declare it under spec.facts or fix the name — did you mean 'amount'?");
    expect(at(finding)).toBe(`${RULES_LINE + 1}:21-${RULES_LINE + 1}:26`);
  });

  it('does not report declared facts', () => {
    const text = policyText({ rules: '    - id: a\n      when: { fact: amount, operator: greaterThan, value: 5 }\n      route: deny\n' });
    expect(lintWith(undeclaredFact, text)).toEqual([]);
  });
});

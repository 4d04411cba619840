import { describe, expect, it } from 'vitest';
import { at, lintWith, policyText, RULES_LINE } from '../../test/policy-text.js';
import { contradictoryCondition } from './contradictory-condition.js';

const rule = (when: string) => `    - id: never\n      when:\n${when}\n      route: deny\n`;

describe('contradictory-condition', () => {
  it('reports an all whose intervals exclude each other, at its all key', () => {
    const text = policyText({ rules: rule('        all:\n          - { fact: amount, operator: greaterThan, value: 500 }\n          - { fact: amount, operator: lessThan, value: 100 }') });
    const [finding, ...rest] = lintWith(contradictoryCondition, text);
    expect(rest).toEqual([]);
    expect(finding?.message).toMatch(/^this all can never be true \(its parts exclude each other\)/);
    expect(at(finding)).toBe(`${RULES_LINE + 2}:9-${RULES_LINE + 2}:12`);
  });

  it('reports an enum value the fact schema does not allow, at the comparison', () => {
    const text = policyText({ rules: rule('        any:\n          - { fact: kind, operator: equal, value: refnd }\n          - { fact: amount, operator: greaterThan, value: 5 }') });
    const [finding] = lintWith(contradictoryCondition, text);
    expect(finding?.message).toMatch(/^fact 'kind' can never satisfy equal "refnd" within its declared schema/);
    expect(at(finding)).toBe(`${RULES_LINE + 3}:13-${RULES_LINE + 3}:58`);
  });

  it('reports a value outside the declared maximum', () => {
    const text = policyText({ rules: rule('        { fact: amount, operator: greaterThan, value: 10000 }') });
    expect(lintWith(contradictoryCondition, text).map(at)).toEqual([`${RULES_LINE + 2}:9-${RULES_LINE + 2}:62`]);
  });

  it('does not report a condition some action satisfies', () => {
    const text = policyText({ rules: rule('        all:\n          - { fact: amount, operator: greaterThan, value: 100 }\n          - { fact: amount, operator: lessThanInclusive, value: 100.5 }') });
    expect(lintWith(contradictoryCondition, text)).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { at, lintWith, policyText, RULES_LINE } from '../../test/policy-text.js';
import { shadowedRule } from './shadowed-rule.js';

const rule = (id: string, when: string, route: string) => `    - id: ${id}\n      when: ${when}\n      route: ${route}\n`;

describe('shadowed-rule', () => {
  it('reports a rule whose matches always coincide with a stricter rule\'s', () => {
    const rules =
      rule('review-large', '{ fact: amount, operator: greaterThanInclusive, value: 500 }', 'review_after') +
      rule('deny-large', '{ fact: amount, operator: greaterThan, value: 499 }', 'deny');
    const [finding] = lintWith(shadowedRule, policyText({ rules }));
    expect(finding?.message).toBe(
      "rule 'review-large' (review_after) never decides: whenever it matches, 'deny-large' also matches with a route at least as restrictive. Narrow or delete it, or make its route stricter if it should win",
    );
    expect(at(finding)).toBe(`${RULES_LINE}:11-${RULES_LINE}:23`);
  });

  it('does not report a rule that is stricter than the rule covering it', () => {
    const rules =
      rule('deny-large', '{ fact: amount, operator: greaterThanInclusive, value: 500 }', 'deny') +
      rule('review-larger', '{ fact: amount, operator: greaterThan, value: 499 }', 'review_after');
    expect(lintWith(shadowedRule, policyText({ rules }))).toEqual([]);
  });

  it('does not run under first-match', () => {
    const rules = rule('a', '{ fact: amount, operator: greaterThan, value: 5 }', 'review_after') + rule('b', '{ fact: amount, operator: greaterThan, value: 1 }', 'deny');
    expect(lintWith(shadowedRule, policyText({ strategy: 'first-match', rules }))).toEqual([]);
  });
});

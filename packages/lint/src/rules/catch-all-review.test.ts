import { describe, expect, it } from 'vitest';
import { at, lintWith, policyText, RULES_LINE } from '../../test/policy-text.js';
import { catchAllReview } from './catch-all-review.js';

const rule = (when: string) => `    - id: everything\n      when: ${when}\n      route: approve_before\n      reviewer: lead\n`;

describe('catch-all-review', () => {
  it('reports a human rule true over the whole declared domain, at its when', () => {
    const [finding] = lintWith(catchAllReview, policyText({ rules: rule('{ fact: amount, operator: greaterThanInclusive, value: 0 }') }));
    expect(finding?.message).toMatch(/^rule 'everything' sends every action to a person \(approve_before\)/);
    expect(at(finding)).toBe(`${RULES_LINE + 1}:7-${RULES_LINE + 1}:11`);
  });

  it('reports a rule that misses only one exact value of a continuous fact', () => {
    const [finding] = lintWith(catchAllReview, policyText({ rules: rule('{ fact: amount, operator: greaterThan, value: 0 }') }));
    expect(finding?.message).toMatch(/^rule 'everything' sends nearly every action to a person/);
  });

  it('reports an any that covers every enum value', () => {
    const when = '{ any: [{ fact: kind, operator: equal, value: refund }, { fact: kind, operator: notIn, value: [refund] }] }';
    expect(lintWith(catchAllReview, policyText({ rules: rule(when) }))).toHaveLength(1);
  });

  it('does not report a rule that leaves a range of amounts alone', () => {
    expect(lintWith(catchAllReview, policyText({ rules: rule('{ fact: amount, operator: greaterThan, value: 50 }') }))).toEqual([]);
  });
});

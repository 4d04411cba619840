import { describe, expect, it } from 'vitest';
import { at, lintWith, policyText, RULES_LINE } from '../../test/policy-text.js';
import { unreachableRule } from './unreachable-rule.js';

const rule = (id: string, when: string, route = 'approve_before') => `    - id: ${id}\n      when: ${when}\n      route: ${route}\n      reviewer: lead\n`;

describe('unreachable-rule', () => {
  it('reports a first-match rule covered by the union of earlier rules, decided on intervals', () => {
    const rules =
      rule('big', '{ fact: amount, operator: greaterThan, value: { threshold: limit } }') +
      rule('small', '{ fact: amount, operator: lessThanInclusive, value: 100 }') +
      rule('middle', '{ all: [{ fact: amount, operator: greaterThan, value: 50 }, { fact: kind, operator: equal, value: refund }] }');
    const [finding, ...rest] = lintWith(unreachableRule, policyText({ strategy: 'first-match', rules }));
    expect(rest).toEqual([]);
    expect(finding?.message).toBe(
      "rule 'middle' can never decide: under first-match every action it matches is matched first by 'big', 'small'. Move it above them, narrow them, or delete it",
    );
    expect(at(finding)).toBe(`${RULES_LINE + 8}:11-${RULES_LINE + 8}:17`);
  });

  it('does not report a rule that an open interval end leaves reachable (amount = 100 exactly)', () => {
    const rules =
      rule('big', '{ fact: amount, operator: greaterThan, value: 100 }') +
      rule('small', '{ fact: amount, operator: lessThan, value: 100 }') +
      rule('middle', '{ fact: amount, operator: greaterThan, value: 50 }');
    expect(lintWith(unreachableRule, policyText({ strategy: 'first-match', rules }))).toEqual([]);
  });

  it('reports a rule whose enum values the earlier rules take between them', () => {
    const rules =
      rule('refunds', '{ fact: kind, operator: equal, value: refund }') +
      rule('credits', '{ fact: kind, operator: notEqual, value: refund }') +
      rule('any-kind', '{ fact: kind, operator: in, value: [refund, credit] }');
    const [finding] = lintWith(unreachableRule, policyText({ strategy: 'first-match', rules }));
    expect(finding?.message).toMatch(/^rule 'any-kind' can never decide/);
  });

  it('does not run under most-restrictive', () => {
    const rules = rule('a', '{ fact: amount, operator: greaterThan, value: 5 }') + rule('b', '{ fact: amount, operator: greaterThan, value: 6 }');
    expect(lintWith(unreachableRule, policyText({ rules }))).toEqual([]);
  });
});

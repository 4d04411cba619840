import { describe, expect, it } from 'vitest';
import { at, lintWith, policyText, RULES_LINE } from '../../test/policy-text.js';
import { missingReviewer } from './missing-reviewer.js';

describe('missing-reviewer', () => {
  it('reports a human route without a reviewer, at the route', () => {
    const rules = '    - id: big\n      when: { fact: amount, operator: greaterThan, value: 100 }\n      route: approve_before\n';
    const [finding] = lintWith(missingReviewer, policyText({ rules }));
    expect(finding?.message).toMatch(/^rule 'big' sends actions to a person \(approve_before\) but names no reviewer/);
    expect(at(finding)).toBe(`${RULES_LINE + 2}:14-${RULES_LINE + 2}:28`);
  });

  it('does not report a human route with a reviewer, nor deny', () => {
    const rules =
      '    - id: big\n      when: { fact: amount, operator: greaterThan, value: 100 }\n      route: approve_before\n      reviewer: lead\n' +
      '    - id: huge\n      when: { fact: amount, operator: greaterThan, value: 1000 }\n      route: deny\n';
    expect(lintWith(missingReviewer, policyText({ rules }))).toEqual([]);
  });
});

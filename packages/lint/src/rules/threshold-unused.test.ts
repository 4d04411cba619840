import { describe, expect, it } from 'vitest';
import { at, lintWith, policyText } from '../../test/policy-text.js';
import { thresholdUnused } from './threshold-unused.js';

describe('threshold-unused', () => {
  it('reports a threshold no condition uses, at its name', () => {
    const rules = '    - id: a\n      when: { fact: amount, operator: greaterThan, value: 100 }\n      route: deny\n';
    const [finding] = lintWith(thresholdUnused, policyText({ rules }));
    expect(finding?.message).toMatch(/^threshold 'limit' is declared but no condition uses it/);
    expect(at(finding)).toBe('11:5-11:10');
  });

  it('does not report a threshold a condition compares with', () => {
    const rules = '    - id: a\n      when: { not: { fact: amount, operator: lessThan, value: { threshold: limit } } }\n      route: deny\n';
    expect(lintWith(thresholdUnused, policyText({ rules }))).toEqual([]);
  });
});

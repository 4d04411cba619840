import { describe, expect, it } from 'vitest';
import { at, lintWith, policyText } from '../../test/policy-text.js';
import { thresholdOutOfRange } from './threshold-out-of-range.js';

const rules = '    - id: a\n      when: { fact: amount, operator: greaterThan, value: { threshold: limit } }\n      route: deny\n';

describe('threshold-out-of-range', () => {
  it('reports a value above max, at the value', () => {
    const [finding] = lintWith(thresholdOutOfRange, policyText({ rules, thresholds: '    limit: { value: 1500, min: 0, max: 1000 }' }));
    expect(finding?.message).toBe("threshold 'limit' is 1500, outside its declared range 0..1000: move the value into the range, or widen the range on purpose");
    expect(at(finding)).toBe('11:21-11:25');
  });

  it('does not report a value inside its range', () => {
    expect(lintWith(thresholdOutOfRange, policyText({ rules }))).toEqual([]);
  });
});

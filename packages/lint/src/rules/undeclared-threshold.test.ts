import { describe, expect, it } from 'vitest';
import { at, lintWith, policyText, RULES_LINE } from '../../test/policy-text.js';
import { undeclaredThreshold } from './undeclared-threshold.js';

const rule = (name: string) => `    - id: a\n      when: { fact: amount, operator: greaterThan, value: { threshold: ${name} } }\n      route: deny\n`;

describe('undeclared-threshold', () => {
  it('reports a reference to an undeclared threshold at its name', () => {
    const [finding] = lintWith(undeclaredThreshold, policyText({ rules: rule('limt') }));
    expect(finding?.message).toBe("spec.rules[0].when.value.threshold: 'limt' is not a declared threshold; declare it under spec.thresholds — did you mean 'limit'?");
    expect(at(finding)).toBe(`${RULES_LINE + 1}:72-${RULES_LINE + 1}:76`);
  });

  it('does not report a declared threshold', () => {
    expect(lintWith(undeclaredThreshold, policyText({ rules: rule('limit') }))).toEqual([]);
  });
});

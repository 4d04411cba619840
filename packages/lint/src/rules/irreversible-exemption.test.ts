import { describe, expect, it } from 'vitest';
import { at, lintWith, policyText, RULES_LINE } from '../../test/policy-text.js';
import { irreversibleExemption } from './irreversible-exemption.js';

describe('irreversible-exemption', () => {
  it('reports every exemption with its justification, at the exempt list', () => {
    const rules = '    - id: tiny\n      when: { fact: amount, operator: lessThan, value: 1 }\n      route: auto\n      exempt: [irreversible]\n      justification: >-\n        Pennies cost more\n        to review.\n';
    const [finding] = lintWith(irreversibleExemption, policyText({ rules }));
    expect(finding?.severity).toBe('warning');
    expect(finding?.message).toContain('justification: "Pennies cost more to review."');
    expect(at(finding)).toBe(`${RULES_LINE + 3}:15-${RULES_LINE + 3}:29`);
  });

  it('does not report a rule without an exemption', () => {
    const rules = '    - id: tiny\n      when: { fact: amount, operator: lessThan, value: 1 }\n      route: auto\n';
    expect(lintWith(irreversibleExemption, policyText({ rules }))).toEqual([]);
  });
});

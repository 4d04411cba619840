import { describe, expect, it } from 'vitest';
import { at, lintWith, policyText, RULES_LINE } from '../../test/policy-text.js';
import { validPolicy } from './valid-policy.js';

describe('valid-policy', () => {
  it('reports a misspelt route at the route value, in the loader\'s words', () => {
    const text = policyText({ rules: '    - id: a\n      when: { fact: amount, operator: greaterThan, value: 5 }\n      route: aproved\n' });
    const [finding, ...rest] = lintWith(validPolicy, text);
    expect(rest).toEqual([]);
    expect(finding?.message).toBe("spec.rules[0].route: 'aproved' is not one of auto, review_after, approve_before, escalate, deny");
    expect(at(finding)).toBe(`${RULES_LINE + 2}:14-${RULES_LINE + 2}:21`);
  });

  it('reports a YAML syntax error at its position', () => {
    const [finding] = lintWith(validPolicy, 'apiVersion: oversight/v1\nkind: RoutingPolicy\nkind: RoutingPolicy\n');
    expect(finding?.message).toBe("YAML: Map keys must be unique: 'kind' is repeated in this mapping");
    expect(at(finding)).toBe('3:1-3:5');
  });

  it('does not report a valid policy', () => {
    const text = policyText({ rules: '    - id: a\n      when: { fact: amount, operator: greaterThan, value: 5 }\n      route: deny\n' });
    expect(lintWith(validPolicy, text)).toEqual([]);
  });
});

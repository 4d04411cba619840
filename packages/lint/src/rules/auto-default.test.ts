import { describe, expect, it } from 'vitest';
import { lintPolicy } from '../lint-policy.js';
import { at, lintWith, NOW, policyText } from '../../test/policy-text.js';
import { autoDefault } from './auto-default.js';

const rules = '    - id: a\n      when: { fact: amount, operator: greaterThan, value: 5 }\n      route: deny\n';

describe('auto-default', () => {
  it('reports default: auto at the value', () => {
    const text = policyText({ rules }).replace('default: approve_before', 'default: auto');
    const [finding] = lintWith(autoDefault, text);
    expect(finding?.message).toMatch(/^default: auto runs every action no rule matched without a person \(fail open\)/);
    expect(at(finding)).toBe('9:12-9:16');
  });

  it('reports onError: auto in place of the schema error on the same node', () => {
    const text = policyText({ rules }).replace('default: approve_before', 'default: deny\n  onError: auto');
    const findings = lintPolicy(text, 'policy.yaml', { now: NOW }).diagnostics.filter((d) => d.range.start.line === 10);
    expect(findings.map((d) => [d.ruleId, at(d)])).toEqual([['auto-default', '10:12-10:16']]);
  });

  it('does not report a human default', () => {
    expect(lintWith(autoDefault, policyText({ rules }))).toEqual([]);
  });
});

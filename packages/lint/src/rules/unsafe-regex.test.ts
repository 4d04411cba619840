import { describe, expect, it } from 'vitest';
import { at, lintWith, policyText } from '../../test/policy-text.js';
import { unsafeRegex } from './unsafe-regex.js';

const rules = '    - id: a\n      when: { fact: amount, operator: greaterThan, value: 100 }\n      route: deny\n';
const withPattern = (pattern: string) => policyText({ rules, facts: `    amount: { type: number }\n    code: { type: string, pattern: "${pattern}" }` });

describe('unsafe-regex', () => {
  it('reports a fact pattern with nested repetition, at the pattern (quotes included)', () => {
    const [finding] = lintWith(unsafeRegex, withPattern('^(a+)+$'));
    expect(finding?.message).toMatch(/^pattern '\^\(a\+\)\+\$' can take exponential time on some inputs/);
    expect(at(finding)).toBe('19:36-19:45');
  });

  it('does not report a linear pattern', () => {
    expect(lintWith(unsafeRegex, withPattern('^ORD-[0-9]{6,10}$'))).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { at, lintWith, policyText } from '../../test/policy-text.js';
import { unsafeRegex } from './unsafe-regex.js';

const rules = '    - id: a\n      when: { fact: amount, operator: greaterThan, value: 100 }\n      route: deny\n';
const withFact = (code: string) => policyText({ rules, facts: `    amount: { type: number }\n    code: ${code}` });
const withPattern = (pattern: string) => withFact(`{ type: string, pattern: "${pattern}" }`);

describe('unsafe-regex', () => {
  it('reports a fact pattern with nested repetition as a warning, at the pattern (quotes included)', () => {
    const [finding, ...others] = lintWith(unsafeRegex, withPattern('^(a+)+$'));
    expect(others).toEqual([]);
    expect(finding?.severity).toBe('warning');
    expect(finding?.message).toMatch(/^pattern '\^\(a\+\)\+\$' can take exponential time in a backtracking engine .*: Oversight runs it on RE2 in linear time, but/);
    expect(at(finding)).toBe('19:36-19:45');
  });

  it('does not report a linear pattern', () => {
    expect(lintWith(unsafeRegex, withPattern('^ORD-[0-9]{6,10}$'))).toEqual([]);
  });

  it('reports a patternProperties key with nested repetition, on the key', () => {
    const [finding, ...others] = lintWith(unsafeRegex, withFact('{ type: object, patternProperties: { "^(a+)+$": { type: number } } }'));
    expect(others).toEqual([]);
    expect(finding?.message).toMatch(/^pattern '\^\(a\+\)\+\$' can take exponential time/);
    expect(at(finding)).toBe('19:48-19:57');
  });

  it('reports propertyNames, and patterns nested under properties, items, allOf and a patternProperties schema', () => {
    const schema = `{ type: object, propertyNames: { pattern: "(x+)+" }, properties: { tags: { type: array, items: { pattern: "(y*)*" } } },
      allOf: [{ properties: { id: { pattern: "(z+)*" } } }], patternProperties: { "^n$": { pattern: "(w+)+" } } }`;
    const patterns = lintWith(unsafeRegex, withFact(schema)).map((finding) => /^pattern '(.*?)'/.exec(finding.message)?.[1]);
    expect(patterns).toEqual(['(x+)+', '(y*)*', '(z+)*', '(w+)+']);
  });

  it('does not take data for a pattern: enum, const, default and examples, nor a property named pattern', () => {
    const schema = `{ type: object, properties: { pattern: { type: string, enum: ["(a+)+"] }, other: { const: { pattern: "(a+)+" } } },
      default: { pattern: "(a+)+" }, examples: [{ pattern: "(a+)+" }] }`;
    expect(lintWith(unsafeRegex, withFact(schema))).toEqual([]);
  });
});

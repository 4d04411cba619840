import { Ajv2020 } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { linearPatternProblem, linearRegExp, UnsupportedPatternError } from './linear-regexp.js';

const linear = (pattern: string) => linearRegExp(pattern, 'u');
const native = (pattern: string) => new RegExp(pattern, 'u');

describe('linearRegExp', () => {
  it('decides 10,000-character adversarial values against patterns that backtrack catastrophically (a backtracking engine takes minutes on 33 characters)', () => {
    // No timing assertion: with backtracking this test does not end within the test timeout.
    const attack = 'a'.repeat(10_000) + '!';
    expect(linear('^(a|a)*$').test(attack)).toBe(false);
    expect(linear('^(a+)+$').test(attack)).toBe(false);
    expect(linear('(a|aa)+b').test(attack)).toBe(false);
    expect(linear('^(a|a)*$').test('a'.repeat(10_000))).toBe(true);
  });

  it('searches anywhere in the value, as JSON Schema pattern does, unless the pattern is anchored', () => {
    expect(linear('ORD-[0-9]{6}').test('ref ORD-123456 (late)')).toBe(true);
    expect(linear('^ORD-[0-9]{6}').test('ref ORD-123456')).toBe(false);
    expect(linear('[0-9]{6}$').test('ORD-123456')).toBe(true);
    expect(linear('^ORD-[0-9]{6,10}$').test('ORD-123456 ')).toBe(false);
    expect(linear('^ORD-[0-9]{6,10}$').test('ORD-1234567')).toBe(true);
    // $ is the end of the value, never before a final newline.
    expect(linear('^ORD-[0-9]{6,10}$').test('ORD-1234567\n')).toBe(false);
    expect(linear('^a|b$').test('xb')).toBe(true);
    expect(linear('^(a|b)$').test('xb')).toBe(false);
    expect(linear('^$').test('')).toBe(true);
    expect(linear('^$').test('a')).toBe(false);
  });

  it('accepts the patterns the shipped policies use', () => {
    for (const pattern of ['^ORD-[0-9]{6,10}$', '^V-[0-9]{5,7}$', '^ACC-[0-9]{5,8}$', '^[A-Z]{2}$', '^\\d{3}-\\d{4}$', '^[a-z0-9]+(-[a-z0-9]+)*$', '\\bVIP\\b']) {
      expect(linearPatternProblem(pattern), pattern).toBeUndefined();
    }
  });

  it.each([
    ['^(?=.*[0-9]).{8,}$', "pattern '^(?=.*[0-9]).{8,}$' uses a lookahead ((?=…) or (?!…)), which the linear-time engine does not support: rewrite the pattern without it"],
    ['^(?!test-)', 'uses a lookahead ((?=…) or (?!…))'],
    ['(?<=\\$)[0-9]+', 'uses a lookbehind ((?<=…) or (?<!…))'],
    ['(?<!-)[0-9]+', 'uses a lookbehind ((?<=…) or (?<!…))'],
    ['^(a)\\1$', "pattern '^(a)\\1$' uses a backreference (\\1), which the linear-time engine does not support: spell out what it repeats"],
    ['^(?<c>a)\\k<c>$', 'uses a backreference (\\k<name>)'],
    ['^[a-z]{1,5000}$', "pattern '^[a-z]{1,5000}$' uses a repetition count above 1000 ({1,5000}), which the linear-time engine does not support: bound the length with minLength and maxLength"],
    ['^\\p{Letter}+$', 'uses the Unicode property \\p{Letter}, which the linear-time engine does not support: use a general category by its short name'],
  ])('refuses %s, naming what RE2 lacks', (pattern, message) => {
    expect(() => linear(pattern)).toThrow(UnsupportedPatternError);
    expect(linearPatternProblem(pattern)).toContain(message);
  });

  it('throws the native SyntaxError for a pattern that is not an ECMA-262 regular expression, as ajv did', () => {
    expect(() => linear('(')).toThrow(/^Invalid regular expression: \/\(\/u: Unterminated group$/);
    // Valid for RE2, but not JSON Schema's dialect: refused, not reinterpreted.
    expect(() => linear('\\Aabc\\z')).toThrow(SyntaxError);
    expect(() => linear('(?P<x>a)')).toThrow(SyntaxError);
    expect(linearPatternProblem('(')).toBeUndefined();
  });

  it('matches every BMP character as a u-mode RegExp does for . \\s \\S \\w \\W \\d, their classes and Unicode properties', () => {
    const properties = ['\\p{L}', '\\P{L}', '\\p{Lu}', '\\p{Nd}', '\\p{Zs}', '\\p{Script=Greek}', '\\p{sc=Cyrillic}', '\\p{gc=Nd}', '\\p{Alphabetic}', '\\p{White_Space}'];
    const patterns = ['.', '\\s', '\\S', '[\\s]', '[^\\s]', '[\\S]', '[^\\S]', '[x\\s]', '\\w', '\\W', '\\d', '[^]', '[]', ...properties];
    for (const pattern of patterns) {
      const [expected, actual] = [native(pattern), linear(pattern)];
      const differ: string[] = [];
      for (let code = 0; code <= 0xffff; code++) {
        const char = String.fromCharCode(code);
        if (expected.test(char) !== actual.test(char)) differ.push(code.toString(16));
      }
      expect(differ, pattern).toEqual([]);
    }
  });

  it('reads escapes as ECMA-262 does: \\u, \\u{…}, surrogate pairs, \\c, \\0, [\\b], \\x, \\B, property names', () => {
    const cases: [string, string[]][] = [
      ['^\\u0041\\u{1F600}$', ['A😀', 'A', '😀']],
      ['^\\uD83D\\uDE00$', ['😀', '\uD83D']],
      ['^[\\u0041-\\u005A]+$', ['ABC', 'abc']],
      ['^\\cJ$', ['\n', 'J']],
      ['^\\0$', ['\0', '0']],
      ['^[\\b]$', ['\b', 'b']],
      ['^\\x41$', ['A', 'x41']],
      ['^\\p{Script=Greek}+$', ['αβ', 'ab']],
      ['^\\p{sc=Greek}$', ['α', 'a']],
      ['^\\p{General_Category=Lu}$', ['A', 'a']],
      ['^(?<year>[0-9]{4})-(?<month>[0-9]{2})$', ['2026-10', '2026-1']],
      ['^[[:alpha:]+$', ['[:a', 'B']],
      ['^a\\/b\\.c[\\-x]?$', ['a/b.c', 'a/b.c-', 'a/bxc']],
      ['\\Bb\\B', ['abc', 'a b', 'ab']],
      ['\\B', ['a', '-', 'é', '']],
    ];
    for (const [pattern, values] of cases) {
      for (const value of values) expect(linear(pattern).test(value), `${pattern} on ${JSON.stringify(value)}`).toBe(native(pattern).test(value));
    }
  });

  it('agrees with a u-mode RegExp on random patterns and values', () => {
    // No \B: V8 also tries it between the two halves of a surrogate pair, where ECMA-262 (and RE2) never look,
    // so /\B/u.test('a😀a') is true in V8 alone; the example test above holds \B to V8 on other values.
    const atom = fc.constantFrom(
      'a', 'b', 'é', 'α', '😀', '-', '\\.', '.', '\\d', '\\D', '\\w', '\\W', '\\s', '\\S', '\\b', '^', '$',
      '[ab]', '[^a]', '[a-c]', '[\\s-]', '[^\\s]', '[\\S]', '[\\w.]', '[^\\d\\s]', '[]', '[^]', '\\n', '\\r', '\\t',
      '\\u00e9', '\\u{1F600}', '\\x61', '\\p{L}', '\\P{Ll}', '\\p{Script=Greek}',
    );
    const quantifier = fc.constantFrom('', '', '*', '+', '?', '{2}', '{0,2}', '{1,}', '*?', '+?');
    const pattern: fc.Arbitrary<string> = fc.letrec<{ node: string }>((tie) => ({
      node: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.tuple(atom, quantifier).map(([a, q]) => a + q),
        fc.array(tie('node'), { minLength: 1, maxLength: 4 }).map((parts) => parts.join('')),
        fc.tuple(tie('node'), tie('node')).map(([x, y]) => `${x}|${y}`),
        fc.tuple(fc.constantFrom('(', '(?:'), tie('node'), quantifier).map(([open, inner, q]) => `${open}${inner})${q}`),
      ),
    })).node.filter((text) => {
      try {
        native(text);
        return true;
      } catch {
        return false;
      }
    });
    const value = fc.string({ unit: fc.constantFrom('a', 'b', 'A', 'é', 'α', '😀', '-', '.', '1', '_', ' ', '\t', '\n', '\r', '\u2028', '\u00a0', '\ufeff'), maxLength: 8 });
    fc.assert(
      fc.property(pattern, fc.array(value, { minLength: 1, maxLength: 8 }), (text, values) => {
        const [expected, actual] = [native(text), linear(text)];
        for (const v of values) expect(actual.test(v), `${text} on ${JSON.stringify(v)}`).toBe(expected.test(v));
      }),
      { numRuns: 1000 },
    );
  });

  it('is what ajv runs for pattern, patternProperties and propertyNames', () => {
    const ajv = new Ajv2020({ strict: true, code: { regExp: linearRegExp } });
    const attack = 'a'.repeat(10_000) + '!';
    const schemas = [
      { type: 'string', pattern: '^(a|a)*$' },
      { type: 'object', patternProperties: { '^(a+)+$': { type: 'number' } }, additionalProperties: false },
      { type: 'object', propertyNames: { pattern: '^(a|a)*$' } },
    ];
    const values: unknown[] = [attack, { [attack]: 1 }, { [attack]: 1 }];
    schemas.forEach((schema, index) => expect(ajv.validate(schema, values[index]), JSON.stringify(schema)).toBe(false));
    expect(() => ajv.compile({ type: 'object', patternProperties: { '^(?!x)': {} } })).toThrow(UnsupportedPatternError);
    expect(() => ajv.compile({ type: 'object', propertyNames: { pattern: '(a)\\1' } })).toThrow(UnsupportedPatternError);
  });
});

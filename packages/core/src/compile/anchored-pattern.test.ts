import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAnchoredSimplePattern } from './anchored-pattern.js';
import { linearRegExp } from './linear-regexp.js';

describe('the native fast path for anchored simple patterns', () => {
  it.each(['^ORD-[0-9]{6,10}$', '^V-[0-9]{5,7}$', '^[A-Z]{2}$', '^ACC-\\d+$', '^[a-z._-]{1,64}@example\\.com$', '^x*'])('takes %s: one variable atom, anchored', (pattern) => {
    expect(isAnchoredSimplePattern(pattern)).toBe(true);
  });

  it.each([
    ['unanchored', 'ORD-[0-9]+'],
    ['two variable atoms (polynomial backtracking)', '^[0-9]*[0-9]*x$'],
    ['a group', '^(a|a)*$'],
    ['a nested quantifier', '^(a+)+$'],
    ['alternation', '^a|b$'],
    ['a backreference', '^(a)\\1$'],
    ['a lookahead', '^(?=a)a$'],
    ['a unicode escape', '^\\u0041+$'],
    ['an empty class', '^[]a*$'],
  ])('leaves %s to RE2', (_, pattern) => {
    expect(isAnchoredSimplePattern(pattern)).toBe(false);
  });

  it('decides as RE2 would: the fast path and the translated RE2 pattern agree on random anchored patterns and values', () => {
    const atom = fc.constantFrom('a', 'b', '-', '[ab]', '[^a]', '\\d', '\\w', '.', '\\.');
    const quantifier = fc.constantFrom('', '', '*', '+', '?', '{2}', '{1,3}', '{2,}', '*?');
    const pattern = fc.tuple(fc.array(fc.tuple(atom, quantifier), { minLength: 1, maxLength: 5 }), fc.boolean()).map(([parts, end]) => `^${parts.map(([a, q]) => a + q).join('')}${end ? '$' : ''}`);
    fc.assert(
      fc.property(pattern, fc.string({ unit: fc.constantFrom('a', 'b', '-', '.', '1', 'x', ' '), maxLength: 12 }), (source, value) => {
        fc.pre(isAnchoredSimplePattern(source));
        // Appending `|\b\B` (never matches) keeps the meaning and forces the RE2 path.
        const re2 = linearRegExp(`(?:${source})|\\b\\B`, 'u');
        expect(linearRegExp(source, 'u').test(value)).toBe(re2.test(value));
      }),
      { numRuns: 1000 },
    );
  });
});

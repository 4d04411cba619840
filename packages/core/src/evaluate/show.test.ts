import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { show } from './conditions.js';

// What reasons showed before the fast path: JSON, cut at 80 characters.
const asJson = (value: unknown) => {
  const text = JSON.stringify(value);
  return text.length > 80 ? text.slice(0, 77) + '...' : text;
};

describe('show', () => {
  it('quotes any string exactly as JSON does, escapes and long values included', () => {
    fc.assert(fc.property(fc.oneof(fc.string({ maxLength: 100 }), fc.string({ unit: 'binary', maxLength: 90 })), (text) => {
        expect(show(text)).toBe(asJson(text));
      }),
    );
    for (const text of ['say "hi"', 'C:\\path', 'line\nbreak', '\u2028', '\ud83d', '🙂', 'x'.repeat(78), 'x'.repeat(79)]) expect(show(text)).toBe(asJson(text));
  });

  it('shows numbers and booleans bare, and an absent value as missing', () => {
    expect([show(120.5), show(false), show(undefined), show(null)]).toEqual(['120.5', 'false', 'missing', 'null']);
  });
});

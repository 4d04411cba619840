import { describe, expect, it } from 'vitest';
import { countKeyColons } from './count-key-colons.js';

describe('countKeyColons', () => {
  it.each([
    ['{"a":1,"b":{"c":2}}', 3],
    ['{ "a" \t\r\n: 1 }', 1],
    ['{"at":"2026-10-03T12:00:00Z"}', 1],
    ['[1, 2, "x"]', 0],
  ])('counts one colon for each key of %s, and none inside plain strings', (text, keys) => {
    expect(countKeyColons(text)).toBe(keys);
  });

  it('may count a colon inside a string that follows a quote, never fewer than the keys', () => {
    expect(countKeyColons('{"a":":","b":"x\\" :y"}')).toBe(4);
  });
});

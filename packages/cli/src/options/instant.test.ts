import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import { parseInstantOption } from './instant.js';

describe('parseInstantOption', () => {
  it.each([
    ['2026-10-03T12:00:00Z', '2026-10-03T12:00:00.000Z'],
    ['2026-10-03T14:00:00+02:00', '2026-10-03T12:00:00.000Z'],
    ['2026-10-03T12:00Z', '2026-10-03T12:00:00.000Z'],
    ['2026-10-03', '2026-10-03T00:00:00.000Z'],
  ])('reads %s as %s', (text, iso) => {
    expect(parseInstantOption(text).toISOString()).toBe(iso);
  });

  it.each(['tomorrow', '2026-10-03T12:00:00', '2026-13-01', '1727956800', ''])(
    'rejects %j (a time without a zone would depend on the machine)',
    (text) => {
      expect(() => parseInstantOption(text)).toThrow(InvalidArgumentError);
    },
  );
});

import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parseFactsLine, readFactsLines, type FactsLine } from './json-lines.js';

async function collect(text: string): Promise<FactsLine[]> {
  const out: FactsLine[] = [];
  for await (const entry of readFactsLines(Readable.from([text]))) out.push(entry);
  return out;
}

describe('parseFactsLine', () => {
  it('returns the facts of a JSON object', () => {
    expect(parseFactsLine('{"amount": 120, "vip": true}', 3)).toEqual({ line: 3, ok: true, facts: { amount: 120, vip: true } });
  });

  it('explains a line that is not valid JSON', () => {
    const entry = parseFactsLine('{"amount": 120,', 7);
    expect(entry).toMatchObject({ line: 7, ok: false });
    expect(entry.ok ? '' : entry.reason).toMatch(/^not valid JSON: /);
  });

  it.each([
    ['[1, 2]', 'an array'],
    ['42', 'a number'],
    ['"refund"', 'a string'],
    ['true', 'a boolean'],
    ['null', 'null'],
  ])('rejects %s: facts must be an object, not %s', (text, kind) => {
    expect(parseFactsLine(text, 1)).toEqual({ line: 1, ok: false, reason: `expected a JSON object of facts, got ${kind}` });
  });
});

describe('readFactsLines', () => {
  it('yields one entry per non-blank line, numbered by the line it is on in the input', async () => {
    const entries = await collect('{"a":1}\n\n   \n{"a":2}\n');
    expect(entries.map((entry) => entry.line)).toEqual([1, 4]);
  });

  it('keeps going after a bad line, so later lines are still evaluated', async () => {
    const entries = await collect('{"a":1}\n{oops\n{"a":3}\n');
    expect(entries.map((entry) => entry.ok)).toEqual([true, false, true]);
  });

  it('reads Windows line endings and a last line without a newline', async () => {
    const entries = await collect('{"a":1}\r\n{"a":2}');
    expect(entries).toEqual([
      { line: 1, ok: true, facts: { a: 1 } },
      { line: 2, ok: true, facts: { a: 2 } },
    ]);
  });

  it('ignores a byte order mark at the start of the input', async () => {
    expect(await collect('\uFEFF{"a":1}\n')).toEqual([{ line: 1, ok: true, facts: { a: 1 } }]);
  });

  it('reads lines split across chunks', async () => {
    const entries: FactsLine[] = [];
    for await (const entry of readFactsLines(Readable.from(['{"amo', 'unt": 1}\n{"amount"', ': 2}\n']))) entries.push(entry);
    expect(entries.map((entry) => (entry.ok ? entry.facts : null))).toEqual([{ amount: 1 }, { amount: 2 }]);
  });

  it('yields nothing for empty input', async () => {
    expect(await collect('')).toEqual([]);
  });
});

import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { JSON_LIMITS } from '@oversight/core';
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

describe('parseFactsLine on ambiguous or hostile input', () => {
  it('refuses an object that repeats a key, at any depth, naming the key and its path', () => {
    expect(parseFactsLine('{"amount":900,"currency":"USD","amount":20}', 4)).toEqual({
      line: 4,
      ok: false,
      reason: 'repeated key "amount" at amount: an object may name each key once, since readers differ on which value counts',
    });
    const nested = parseFactsLine('{"vendor":{"country":"KP","country":"US"}}', 1);
    expect(nested.ok ? '' : nested.reason).toMatch(/^repeated key "country" at vendor\.country: /);
  });

  it('refuses facts nested 5,000 levels deep, naming the limit, instead of crashing', () => {
    const entry = parseFactsLine(`{"fact":${'['.repeat(5000)}${']'.repeat(5000)}}`, 2);
    expect(entry).toEqual({ line: 2, ok: false, reason: `nested deeper than the limit of ${JSON_LIMITS.maxDepth} levels of objects and arrays` });
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

  it('refuses a line longer than the limit unread, and reads the lines after it', async () => {
    // 3 MiB in 64 KiB chunks and no newline among them: the reader skips the line as it streams.
    const chunk = 'x'.repeat(1 << 16);
    function* chunks() {
      yield '{"a":1}\n';
      for (let i = 0; i < 48; i++) yield chunk;
      yield '\n{"a":3}\n';
    }
    const entries: FactsLine[] = [];
    for await (const entry of readFactsLines(Readable.from(chunks()))) entries.push(entry);
    expect(entries).toEqual([
      { line: 1, ok: true, facts: { a: 1 } },
      { line: 2, ok: false, reason: `too long to read: 3,145,728 characters, and one JSON text may hold at most ${JSON_LIMITS.maxLength.toLocaleString('en-US')}` },
      { line: 3, ok: true, facts: { a: 3 } },
    ]);
  });

  it('reads a line of exactly the limit, with or without a Windows line end', async () => {
    const text = `{"a":"${'x'.repeat(JSON_LIMITS.maxLength - 8)}"}`;
    expect(text).toHaveLength(JSON_LIMITS.maxLength);
    const entries = await collect(`${text}\r\n${text}\n`);
    expect(entries.map((entry) => entry.ok)).toEqual([true, true]);
  });

  it('decodes bytes, a character split between chunks included', async () => {
    const bytes = Buffer.from('{"name":"Zoë"}\n');
    const split = bytes.indexOf(0xc3) + 1;
    const entries: FactsLine[] = [];
    for await (const entry of readFactsLines(Readable.from([bytes.subarray(0, split), bytes.subarray(split)]))) entries.push(entry);
    expect(entries).toEqual([{ line: 1, ok: true, facts: { name: 'Zoë' } }]);
  });

  it('yields nothing for empty input', async () => {
    expect(await collect('')).toEqual([]);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineSplitter } from './line-splitter.js';

function split(chunks: string[], maxLength?: number): [string, number][] {
  const seen: [string, number][] = [];
  const splitter = new LineSplitter(
    (text, line) => seen.push([text, line]),
    (line, length) => seen.push([`too long: ${length}`, line]),
    maxLength,
  );
  for (const chunk of chunks) splitter.push(chunk);
  splitter.end();
  return seen;
}

describe('LineSplitter', () => {
  it('numbers lines from 1, drops a CR before LF, and keeps a last line without a newline', () => {
    expect(split(['{"a":1}\r\n', '\n{"b"', ':2}'])).toEqual([
      ['{"a":1}', 1],
      ['', 2],
      ['{"b":2}', 3],
    ]);
  });

  it('gives the same lines however the text is cut into chunks', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'é', '{', '\n', '\r\n', ' '), { maxLength: 60 }), fc.array(fc.nat(20), { maxLength: 10 }), (pieces, cuts) => {
        const text = pieces.join('');
        const chunks: string[] = [];
        let at = 0;
        for (const cut of cuts) {
          chunks.push(text.slice(at, at + cut));
          at += cut;
        }
        chunks.push(text.slice(at));
        expect(split(chunks)).toEqual(split([text]));
        // With a limit, a longer line is reported with its length, in its place; the rest are unchanged.
        const expected = text.split('\n').map((line, i) => [line.length > 5 ? `too long: ${line.length}` : line.replace(/\r$/, ''), i + 1]);
        if (text.endsWith('\n') || text === '') expected.pop();
        expect(split(chunks, 5)).toEqual(expected);
      }),
    );
  });
});

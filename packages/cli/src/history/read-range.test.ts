import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { replayRange } from './read-range.js';

// A stand-in for Replay that records the lines it is given.
function recorder() {
  const lines: [string, number][] = [];
  return { lines, replay: { addLine: (text: string, line: number) => lines.push([text, line]), addTooLong: () => undefined } as never };
}

describe('replayRange', () => {
  it('decodes UTF-8 characters cut across 1 MB chunks, next to ASCII chunks read as latin1', async () => {
    const reason = 'Kunde möchte Ersatz — 返金 🙂';
    // 'ö' starts at the last byte of the first chunk.
    const pad = 'x'.repeat((1 << 20) - 8);
    const text = `${pad}${reason}\n${'a'.repeat(1 << 20)}\nlast ${reason}`;
    const path = join(mkdtempSync(join(tmpdir(), 'oversight-utf8-')), 'h.jsonl');
    writeFileSync(path, text);
    const { lines, replay } = recorder();
    const count = await replayRange(replay, path, 0, Buffer.byteLength(text));
    expect(count).toBe(3);
    expect(lines.map(([line]) => line.slice(-reason.length))).toEqual([reason, 'a'.repeat(reason.length), reason]);
  });

  it('gives each line to the range its first byte lies in', async () => {
    const text = 'one\ntwo\nthree\nfour';
    const path = join(mkdtempSync(join(tmpdir(), 'oversight-ranges-')), 'h.jsonl');
    writeFileSync(path, text);
    const cut = async (start: number, end: number) => {
      const { lines, replay } = recorder();
      await replayRange(replay, path, start, end);
      return lines.map(([line]) => line);
    };
    // "two" starts at byte 4: a range ending at 4 stops before it; one starting at 5 skips it.
    expect(await cut(0, 4)).toEqual(['one']);
    expect(await cut(0, 5)).toEqual(['one', 'two']);
    expect(await cut(5, 18)).toEqual(['three', 'four']);
    expect(await cut(4, 8)).toEqual(['two']);
  });
});

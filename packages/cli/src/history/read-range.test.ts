import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LineSplitter } from '@oversight/simulator/internal';
import { replayRange } from './read-range.js';

// A stand-in for Replay that records the lines it is given.
function recorder() {
  const lines: [string, number][] = [];
  return { lines, replay: { lineSplitter: () => new LineSplitter((text, line) => lines.push([text, line])) } as never };
}

describe('replayRange', () => {
  it('decodes UTF-8 characters cut across 1 MB chunks, next to ASCII chunks read as latin1', async () => {
    const reason = 'Kunde möchte Ersatz — 返金 🙂';
    const filler = (bytes: number) => Array.from({ length: Math.floor(bytes / 1000) }, (_, i) => String(i).padStart(999, '.'));
    // Lines of ASCII up to where 'ö' starts at the last byte of the first 1 MB chunk, a
    // second chunk that begins inside it, an ASCII third chunk, and UTF-8 again at the end.
    const before = filler(1 << 20);
    const used = before.length * 1000;
    const lines = [...before, 'x'.repeat((1 << 20) - used - 8) + reason, ...filler(2 << 20), `last ${reason}`];
    const text = lines.join('\n');
    const path = join(mkdtempSync(join(tmpdir(), 'oversight-utf8-')), 'h.jsonl');
    writeFileSync(path, text);
    expect(Buffer.from(text).subarray((1 << 20) - 1, (1 << 20) + 1).toString()).toBe('ö');
    const { lines: seen, replay } = recorder();
    const count = await replayRange(replay, path, 0, Buffer.byteLength(text));
    expect(count).toBe(lines.length);
    expect(seen.map(([line]) => line)).toEqual(lines);
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

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readHistoryFile } from './read-history-file.js';

describe('readHistoryFile', () => {
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
    let bytes = 0;
    const chunks: string[] = [];
    for await (const chunk of readHistoryFile(path, (read) => (bytes += read))) chunks.push(chunk);
    expect(chunks.join('')).toBe(text);
    expect(bytes).toBe(Buffer.byteLength(text));
  });
});

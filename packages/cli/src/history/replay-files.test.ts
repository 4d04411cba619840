import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compilePolicy, loadPolicy } from '@oversight/core';
import { simulationVariants } from '@oversight/simulator/internal';
import { replayFiles } from './replay-files.js';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const loaded = loadPolicy(readFileSync(join(repoRoot, 'policies/support-refunds.yaml'), 'utf8'), 'support-refunds.yaml');
if (!loaded.ok) throw new Error('the example policy does not load');
const plan = compilePolicy(loaded.policy);
const { variants } = simulationVariants({ baseline: { label: 'baseline', plan }, candidates: [{ label: 'raised', plan, thresholds: { autoRefundMax: 120 } }] });
const historyLines = () => readFileSync(join(repoRoot, 'policies/history/support-refunds.history.jsonl'), 'utf8').split('\n').slice(0, 3000);

describe('replayFiles', () => {
  it('numbers the lines of each file from 1, blank lines included, and lists the corrupt ones', async () => {
    const lines = historyLines();
    // Damage a few lines, and leave the last without a newline.
    for (const at of [7, 1500, 2999]) lines[at] = lines[at]!.slice(0, 40);
    lines.splice(900, 0, '', '   ');
    const path = join(mkdtempSync(join(tmpdir(), 'oversight-lines-')), 'h.jsonl');
    writeFileSync(path, lines.join('\n'));
    const file = { name: 'h.jsonl', path, size: Buffer.byteLength(lines.join('\n')) };
    const state = await replayFiles([file, { ...file, name: 'again.jsonl' }], variants, { examples: 10 });
    expect(state.invalid.count).toBe(6);
    expect(state.invalid.examples.map((example) => [example.source, example.line])).toEqual([
      ['h.jsonl', 8],
      ['h.jsonl', 1503],
      ['h.jsonl', 3002],
      ['again.jsonl', 8],
      ['again.jsonl', 1503],
      ['again.jsonl', 3002],
    ]);
  });

  it('counts a decision once when its id repeats within a file and across files, listing the later lines', async () => {
    const lines = historyLines();
    // Line 11 repeats line 10; the last line repeats line 1.
    lines.splice(10, 0, lines[9]!);
    lines.push(lines[0]!);
    const dir = mkdtempSync(join(tmpdir(), 'oversight-duplicates-'));
    const write = (name: string, text: string) => {
      writeFileSync(join(dir, name), text);
      return { name, path: join(dir, name), size: Buffer.byteLength(text) };
    };
    const a = write('a.jsonl', lines.join('\n') + '\n');
    // The second file repeats line 2000 of the first, and then holds a decision of its own.
    const b = write('b.jsonl', [lines[1999]!, lines[2000]!.replace(/"decisionId":"[^"]*"/, '"decisionId":"d-sr-only-in-b"')].join('\n') + '\n');
    const state = await replayFiles([a, b], variants, { examples: 5 });
    const ids = (line: number) => (JSON.parse(lines[line - 1]!) as { decisionId: string }).decisionId;
    expect(state.duplicates).toEqual({
      count: 3,
      examples: [
        { source: 'a.jsonl', line: 11, decisionId: ids(10), first: { source: 'a.jsonl', line: 10 } },
        { source: 'a.jsonl', line: 3002, decisionId: ids(1), first: { source: 'a.jsonl', line: 1 } },
        { source: 'b.jsonl', line: 1, decisionId: ids(2000), first: { source: 'a.jsonl', line: 2000 } },
      ],
    });
    expect(state.total).toBe(3004);
    expect(state.replayed).toBe(3001);
  });
});

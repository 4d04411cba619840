import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadPolicy } from '@oversight/core';
import { planJob, type ReplayJob } from './replay-job.js';
import { replayFiles } from './replay-files.js';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const loaded = loadPolicy(readFileSync(join(repoRoot, 'policies/support-refunds.yaml'), 'utf8'), 'support-refunds.yaml');
if (!loaded.ok) throw new Error('the example policy does not load');
const policy = loaded.policy;
const job: ReplayJob = {
  kind: 'simulate',
  baseline: { label: 'baseline', policy },
  candidates: [{ label: 'raised', policy, thresholds: { autoRefundMax: 120 } }],
};

describe('replayFiles', () => {
  it('merges byte ranges cut anywhere into exactly the one-thread state, corrupt lines and line numbers included', async () => {
    const lines = readFileSync(join(repoRoot, 'policies/history/support-refunds.history.jsonl'), 'utf8').split('\n').slice(0, 3000);
    // Damage a few lines, and leave the last without a newline.
    for (const at of [7, 1500, 2999]) lines[at] = lines[at]!.slice(0, 40);
    lines.splice(900, 0, '', '   ');
    const path = join(mkdtempSync(join(tmpdir(), 'oversight-ranges-')), 'h.jsonl');
    writeFileSync(path, lines.join('\n'));
    const file = { name: 'h.jsonl', path, size: Buffer.byteLength(lines.join('\n')) };
    const plan = planJob(job);
    const single = await replayFiles([file], job, plan, { jobs: 1, examples: 5 });
    for (const minRangeBytes of [10_000, 123_457]) {
      const parallel = await replayFiles([file, { ...file, name: 'again.jsonl' }], job, plan, { jobs: 3, examples: 5, minRangeBytes });
      const twice = await replayFiles([file, { ...file, name: 'again.jsonl' }], job, plan, { jobs: 1, examples: 5 });
      expect(parallel).toEqual(twice);
    }
    expect(single.invalid.count).toBe(3);
    expect(single.invalid.examples.map((example) => example.line)).toEqual([8, 1503, 3002]);
  }, 60_000);

  it('counts a decision once when its id repeats within a range, across ranges and across files, with --jobs as in one thread', async () => {
    const lines = readFileSync(join(repoRoot, 'policies/history/support-refunds.history.jsonl'), 'utf8').split('\n').slice(0, 3000);
    // Line 11 repeats line 10 (the same range); the last line repeats line 1 (ranges apart).
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
    const plan = planJob(job);
    const single = await replayFiles([a, b], job, plan, { jobs: 1, examples: 5 });
    const ids = (line: number) => (JSON.parse(lines[line - 1]!) as { decisionId: string }).decisionId;
    expect(single.duplicates).toEqual({
      count: 3,
      examples: [
        { source: 'a.jsonl', line: 11, decisionId: ids(10), first: { source: 'a.jsonl', line: 10 } },
        { source: 'a.jsonl', line: 3002, decisionId: ids(1), first: { source: 'a.jsonl', line: 1 } },
        { source: 'b.jsonl', line: 1, decisionId: ids(2000), first: { source: 'a.jsonl', line: 2000 } },
      ],
    });
    expect(single.total).toBe(3004);
    expect(single.replayed).toBe(3001);
    for (const minRangeBytes of [10_000, 123_457]) {
      const parallel = await replayFiles([a, b], job, plan, { jobs: 2, examples: 5, minRangeBytes });
      expect(parallel).toEqual(single);
    }
  }, 60_000);
});

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
});

// The example runs without a model or an API key, makes the decisions it
// prints, and leaves a log that `oversight log verify` accepts.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect, it } from 'vitest';
import { runExample } from '../examples/run-example.js';
import { oversight } from './oversight-command.js';

it('runs the scripted session: one auto, one approved, one rejected, one edited, one denied, one reviewed after; its log verifies', async () => {
  const printed: string[] = [];
  const run = await runExample((line) => printed.push(line));
  expect(run.decisions).toEqual([
    'read_text_file docs/readme.md: auto → ran',
    'write_file docs/release-notes.md: approve_before → approved',
    'write_file docs/pricing.md: approve_before → rejected (not run)',
    'write_file docs/schedule.md: approve_before → approved',
    'write_file contracts/nda.md: deny → denied (not run)',
    'write_file drafts/ideas.md: review_after → under_review',
  ]);
  const file = (...parts: string[]) => join(run.workspace, ...parts);
  expect(readFileSync(file('docs', 'release-notes.md'), 'utf8')).toContain('Faster search');
  expect(existsSync(file('docs', 'pricing.md'))).toBe(false);
  expect(readFileSync(file('docs', 'schedule.md'), 'utf8')).toBe('Next release: Thursday.\n');
  expect(readFileSync(file('contracts', 'nda.md'), 'utf8')).toBe('MUTUAL NON-DISCLOSURE AGREEMENT\n');
  expect(printed.join('\n')).toContain('reviewer rita@example.com: reject (Prices are published by sales, not in the handbook.)');

  const verified = await oversight('log', 'verify', run.logPath);
  expect(verified.stderr).toBe('');
  expect(verified.exitCode).toBe(0);
  rmSync(dirname(run.logPath), { recursive: true, force: true });
});

// The example drives auto, approved, rejected, denied and re-routed refunds
// through the adapter; the log it writes passes `oversight log verify`.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { runExample } from '../examples/run-example.js';
import { oversight } from './oversight-command.js';

test("the example run's decision log passes oversight log verify", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'oversight-langchain-example-'));
  const { logPath, lines } = await runExample({ dir, print: () => undefined });
  expect(logPath).toBe(join(dir, 'decisions.jsonl'));
  expect(lines).toHaveLength(5);
  expect(lines[0]).toMatch(/auto \(small-confident-refund\); ran issueRefund\(30 USD/);
  expect(lines[1]).toMatch(/approve_before → support-lead .*approve; ran issueRefund\(120 USD/);
  expect(lines[2]).toMatch(/reject; not run: .*goodwill above 50 USD is store credit/);
  expect(lines[3]).toMatch(/deny \(refund-to-other-account.*not run: .*denies this action/);
  expect(lines[4]).toMatch(/edit amount → 650; approve_before → support-manager .*approve; ran issueRefund\(650 USD/);

  const verified = await oversight('log', 'verify', logPath);
  expect(verified.stderr).toBe('');
  expect(verified.exitCode).toBe(0);
});

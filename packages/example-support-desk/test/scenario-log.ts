// Where the browser scenario leaves its decision log, for checks that read it
// after the desk has closed (a gate rebuilt from it, `oversight log verify`,
// `oversight simulate`). A fresh folder per test run, so two runs at once never
// share a log; SUPPORT_DESK_SCENARIO_LOG names the file instead, to keep it.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const runFolder = mkdtempSync(join(tmpdir(), 'example-support-desk-scenario-'));

/** The final decision log of the browser scenario (test/support-desk.browser.test.ts). */
export function scenarioLogPath(): string {
  return process.env.SUPPORT_DESK_SCENARIO_LOG ?? join(runFolder, 'support-desk.decisions.jsonl');
}

import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { run } from '../run.js';
import { memoryIo } from '../../test/memory-io.js';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const REFUNDS = readFileSync(new URL('../../test/fixtures/refunds.yaml', import.meta.url), 'utf8');

const SMALL_REFUND = `  - name: a small confident refund runs alone
    facts: { amount: 20, confidence: 0.95 }
    expect: { route: auto, matched: [small-confident-refund] }
`;

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'oversight-test-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, dirname(name)), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

async function test(cwd: string, ...args: string[]) {
  const memory = memoryIo({ cwd });
  const exitCode = await run(['test', ...args], memory.io);
  return { exitCode, stdout: memory.stdout(), stderr: memory.stderr() };
}

describe('oversight test', () => {
  it('runs every case of the shipped policies, and they all pass', async () => {
    const result = await test(ROOT);
    expect(result.stdout).toMatch(/^\d+ cases passed in 4 files\.\n$/);
    expect(result).toMatchObject({ exitCode: 0, stderr: '' });
  });

  it('finds the cases of policies/ by default, and names the policy from the cases file', async () => {
    const cwd = workspace({ 'policies/refunds.yaml': REFUNDS, 'policies/refunds.cases.yaml': `policy: refunds.yaml\ncases:\n${SMALL_REFUND}` });
    expect(await test(cwd)).toEqual({ exitCode: 0, stdout: '1 case passed in 1 file.\n', stderr: '' });
  });

  it('resolves the policy relative to the cases file, wherever the command runs', async () => {
    const cwd = workspace({ 'policies/refunds.yaml': REFUNDS, 'specs/refunds.cases.yaml': `policy: ../policies/refunds.yaml\ncases:\n${SMALL_REFUND}` });
    const result = await test(join(cwd, 'specs'), 'refunds.cases.yaml', '--format', 'json');
    expect(JSON.parse(result.stdout)).toMatchObject({ cases: 1, failed: 0, files: [{ file: 'refunds.cases.yaml', policy: '../policies/refunds.yaml' }] });
    expect(result.exitCode).toBe(0);
  });

  it('reports a failed case on its name with the decision it got, and exits 1', async () => {
    const result = await test(ROOT, 'packages/cli/test/fixtures/cases/failing.cases.yaml');
    expect(result.stdout).toContain(
      "packages/cli/test/fixtures/cases/failing.cases.yaml:11:11  error  case 'a refund of 120 runs alone': expected route auto, got approve_before; expected matched [small-confident-refund], got [refund-over-limit]  (failing-case)",
    );
    expect(result.stdout).toContain('3 cases, 2 failed in 1 file.\n');
    expect(result.exitCode).toBe(1);
  });

  it('still runs the other files when one cannot run, and exits 2', async () => {
    const cwd = workspace({
      'policies/refunds.yaml': REFUNDS,
      'policies/refunds.cases.yaml': `policy: refunds.yaml\ncases:\n${SMALL_REFUND.replace('route: auto', 'route: deny')}`,
      'policies/lost.cases.yaml': `policy: lost.yaml\ncases:\n${SMALL_REFUND}`,
    });
    const result = await test(cwd);
    expect(result.stdout).toBe(
      [
        "policies/lost.cases.yaml:1:9  error  cannot read policy file 'policies/lost.yaml': no such file  (cases-file)",
        "policies/refunds.cases.yaml:3:11  error  case 'a small confident refund runs alone': expected route deny, got auto  (failing-case)",
        '',
        '1 case, 1 failed in 1 file; 1 file could not be run.',
        '',
      ].join('\n'),
    );
    expect(result.exitCode).toBe(2);
  });

  it("reports a broken policy's diagnostics once, however many cases files name it", async () => {
    const broken = REFUNDS.replace('route: escalate', 'route: escalated');
    const cases = `policy: refunds.yaml\ncases:\n${SMALL_REFUND}`;
    const cwd = workspace({ 'refunds.yaml': broken, 'refunds.cases.yaml': cases, 'more.cases.yaml': cases });
    const result = await test(cwd, '.');
    expect(result.stdout).toBe(
      [
        "more.cases.yaml:1:9  error  policy 'refunds.yaml' does not load (1 problem): no case ran  (cases-file)",
        "refunds.yaml:38:14  error  spec.rules[2].route: 'escalated' is not one of auto, review_after, approve_before, escalate, deny — did you mean 'escalate'?  (schema)",
        "refunds.cases.yaml:1:9  error  policy 'refunds.yaml' does not load (1 problem): no case ran  (cases-file)",
        '',
        '2 files could not be run; no case ran.',
        '',
      ].join('\n'),
    );
    expect(result.exitCode).toBe(2);
  });

  it('applies --threshold to every policy that declares it', async () => {
    const result = await test(ROOT, 'packages/cli/test/fixtures/cases/failing.cases.yaml', 'policies/support-refunds.yaml', '--threshold', 'autoRefundMax=200', '--format', 'json');
    const report = JSON.parse(result.stdout) as { files: { results: { name: string; passed: boolean }[] }[] };
    // The fixture's 120 refund now runs alone; support-refunds' cases at the old limit fail.
    expect(report.files[0]!.results.find((r) => r.name === 'a refund of 120 runs alone')?.passed).toBe(true);
    expect(report.files[1]!.results.some((r) => !r.passed)).toBe(true);
    expect(result.exitCode).toBe(1);
  });

  it('refuses a threshold no policy under test declares, or one out of its range', async () => {
    expect(await test(ROOT, 'policies/sales-outreach.yaml', '--threshold', 'autoRefundMax=10')).toEqual({
      exitCode: 2,
      stdout: '',
      stderr: "error: unknown threshold 'autoRefundMax': no policy under test declares it\nRun 'oversight test --help' for usage.\n",
    });
    const outOfRange = await test(ROOT, 'policies/support-refunds.yaml', '--threshold', 'autoRefundMax=-5');
    expect(outOfRange.stderr).toBe("error: threshold 'autoRefundMax' must be within 0..200, got -5\nRun 'oversight test --help' for usage.\n");
    expect(outOfRange.exitCode).toBe(2);
  });

  it('refuses a path that names no cases file', async () => {
    expect(await test(ROOT, 'packages/cli/test/fixtures/refunds.yaml')).toEqual({
      exitCode: 2,
      stdout: '',
      stderr: "error: policy 'packages/cli/test/fixtures/refunds.yaml' has no cases file beside it: write packages/cli/test/fixtures/refunds.cases.yaml\nRun 'oversight test --help' for usage.\n",
    });
  });
});

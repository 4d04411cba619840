import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../run.js';
import { memoryIo } from '../../test/memory-io.js';

const CLEAN = readFileSync(new URL('../../test/fixtures/lint/clean.yaml', import.meta.url), 'utf8');

function workspace(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'oversight-lint-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

async function lint(cwd: string, ...args: string[]) {
  const memory = memoryIo({ cwd });
  const exitCode = await run(['lint', ...args], memory.io);
  return { exitCode, stdout: memory.stdout(), stderr: memory.stderr() };
}

describe('oversight lint on hostile files', () => {
  it('refuses a 50 MB file from its size, with a diagnostic and exit 1', async () => {
    const cwd = workspace({ 'huge.yaml': Buffer.alloc(50 * 1024 * 1024, 'a') });
    const result = await lint(cwd, 'huge.yaml');
    expect(result.stdout).toContain('huge.yaml:1:1  error  the file is 50.0 MB; a policy may be at most 5 MB. Is this the right file?  (valid-policy)');
    expect(result.exitCode).toBe(1);
  });

  it('reports a binary file as not text', async () => {
    const cwd = workspace({ 'image.yaml': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x01]) });
    const result = await lint(cwd, 'image.yaml');
    expect(result.stdout).toContain('image.yaml:1:1  error  the file holds binary data (a NUL byte), not YAML text. Is this the right file?  (valid-policy)');
    expect(result.exitCode).toBe(1);
  });
});

describe('oversight lint configuration', () => {
  it('finds oversight.config.yaml from the working directory and applies its severities and files', async () => {
    const cwd = workspace({ 'oversight.config.yaml': 'rules:\n  missing-reviewer: off\nfiles: ["*.policy.yaml"]\n', 'a.policy.yaml': CLEAN.replace('      reviewer: support-lead\n', '') });
    expect(await lint(cwd)).toEqual({ exitCode: 0, stdout: 'No problems in 1 file.\n', stderr: '' });
  });
});

describe('oversight lint --base and --fix', () => {
  it('reports a changed policy whose version was not bumped, and --fix bumps it in place keeping comments', async () => {
    const cwd = workspace({ 'refunds.yaml': CLEAN });
    const git = (...args: string[]) => execFileSync('git', args, { cwd, stdio: 'pipe' });
    git('init', '-q');
    git('-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-q', '--allow-empty', '-m', 'empty');
    git('add', '.');
    git('-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-q', '-m', 'policy');
    const changed = CLEAN.replace('value: 50,', 'value: 60,').replace('  version: 1\n', '  version: 1   # bumped by CI\n');
    writeFileSync(join(cwd, 'refunds.yaml'), changed);

    const report = await lint(cwd, 'refunds.yaml', '--base', 'HEAD');
    expect(report.stdout).toContain('refunds.yaml:5:12  error  the policy changed since the base revision but metadata.version is still 1: bump it to 2');
    expect(report.exitCode).toBe(1);

    expect(await lint(cwd, 'refunds.yaml', '--base', 'HEAD', '--fix')).toEqual({ exitCode: 0, stdout: 'No problems in 1 file.\n', stderr: '' });
    expect(readFileSync(join(cwd, 'refunds.yaml'), 'utf8')).toBe(changed.replace('  version: 1   # bumped', '  version: 2   # bumped'));
  });

  it('is a usage error when --base is not a revision', async () => {
    const cwd = workspace({ 'refunds.yaml': CLEAN });
    execFileSync('git', ['init', '-q'], { cwd });
    const result = await lint(cwd, 'refunds.yaml', '--base', 'no-such-branch');
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain("error: --base 'no-such-branch' is not a git revision here");
  });
});

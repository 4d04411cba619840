import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { memoryIo } from '../test/memory-io.js';
import { run } from './run.js';

const cwd = fileURLToPath(new URL('../', import.meta.url));

async function cli(...args: string[]) {
  const memory = memoryIo({ cwd });
  const exitCode = await run(args, memory.io);
  return { exitCode, stdout: memory.stdout(), stderr: memory.stderr() };
}

describe('oversight', () => {
  it('prints its help on stdout and exits 0', async () => {
    const result = await cli('--help');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('Usage: oversight [options] [command]');
    expect(result.stdout).toContain('eval [options] <policy> [facts]');
    expect(result.stderr).toBe('');
  });

  it('prints the version from package.json', async () => {
    const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(await cli('--version')).toEqual({ exitCode: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('shows a command’s help with `help <command>`', async () => {
    const result = await cli('help', 'eval');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('Usage: oversight eval [options] <policy> [facts]');
  });

  it('prints help on stderr and exits 2 when no command is given', async () => {
    const result = await cli();
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('Usage: oversight');
  });

  it('exits 2 for an unknown command, suggesting the closest and pointing at --help', async () => {
    const result = await cli('evl');
    expect(result).toEqual({
      exitCode: 2,
      stdout: '',
      stderr: "error: unknown command 'evl'\n(Did you mean eval?)\nRun 'oversight --help' for usage.\n",
    });
  });

  it('exits 2 for an unknown option', async () => {
    const result = await cli('eval', 'policy.yaml', '--fromat', 'pretty');
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toBe("error: unknown option '--fromat'\n(Did you mean --format?)\nRun 'oversight eval --help' for usage.\n");
  });

  it('exits 2 when eval is given no policy', async () => {
    const result = await cli('eval');
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toBe("error: missing required argument 'policy'\nRun 'oversight eval --help' for usage.\n");
  });

  it('exits 2 when eval is given more than a policy and a facts file', async () => {
    const result = await cli('eval', 'a.yaml', 'b.jsonl', 'c.jsonl');
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('too many arguments');
  });

  it('exits 2 for a format it does not know, listing the ones it does', async () => {
    const result = await cli('eval', 'policy.yaml', '--format', 'xml');
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('Allowed choices are jsonl, pretty.');
  });

  it('exits 2 for a --now that is not an ISO time', async () => {
    const result = await cli('eval', 'policy.yaml', '--now', 'tomorrow');
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain("option '--now <iso>' argument 'tomorrow' is invalid");
  });
});

import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, onTestFinished } from 'vitest';
import { replaceFile } from './replace-file.js';

const CLI = fileURLToPath(new URL('../../', import.meta.url));
const OLD = 'the old report\n';

function withReport(): { dir: string; target: string } {
  const dir = mkdtempSync(join(tmpdir(), 'oversight-replace-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  const target = join(dir, 'report.md');
  writeFileSync(target, OLD);
  return { dir, target };
}

const temporaryFiles = (dir: string) => readdirSync(dir).filter((name) => name.endsWith('.tmp'));

describe('replaceFile', () => {
  it('removes its temporary file when the rename fails, and reports why', async () => {
    const { dir, target } = withReport();
    const replacing = replaceFile(target, async (handle) => {
      await handle.writeFile('## the new report\n');
      // A directory now stands where the report goes: the rename onto it fails.
      rmSync(target);
      mkdirSync(target);
    });
    await expect(replacing).rejects.toThrow('EISDIR');
    expect(readdirSync(dir)).toEqual(['report.md']);
  });

  it('removes its temporary file when the write fails, and leaves the old report as it was', async () => {
    const { dir, target } = withReport();
    const replacing = replaceFile(target, async (handle) => {
      await handle.write('## half a rep');
      throw new Error('the replay failed');
    });
    await expect(replacing).rejects.toThrow('the replay failed');
    expect(temporaryFiles(dir)).toEqual([]);
    expect(readFileSync(target, 'utf8')).toBe(OLD);
  });
});

describe('replaceFile interrupted', () => {
  /** Runs the fixture until it is halfway through a write, with the temporary file there to see. */
  async function halfway(ending: 'wait' | 'exit') {
    const { dir, target } = withReport();
    const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=@oversight/source', 'test/fixtures/interrupted-write.ts', target, ending], { cwd: CLI, stdio: ['pipe', 'pipe', 'inherit'] });
    const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
    onTestFinished(() => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    });
    let said = '';
    child.stdout.setEncoding('utf8');
    for await (const chunk of child.stdout) {
      said += chunk as string;
      if (said.includes('writing\n')) break;
    }
    return { dir, target, child, exited, said };
  }

  it.each(['SIGINT', 'SIGTERM'] as const)('removes its temporary file when %s ends the process mid-write, which still ends by that signal', async (signal) => {
    const { dir, target, child, exited, said } = await halfway('wait');
    expect(said).toBe('writing\n');
    expect(temporaryFiles(dir)).toHaveLength(1);
    child.kill(signal);
    const [, ended] = await exited;
    expect(ended).toBe(signal);
    expect(temporaryFiles(dir)).toEqual([]);
    expect(readFileSync(target, 'utf8')).toBe(OLD);
  });

  it('removes its temporary file when the process exits mid-write', async () => {
    const { dir, target, exited } = await halfway('exit');
    const [code] = await exited;
    expect(code).toBe(3);
    expect(temporaryFiles(dir)).toEqual([]);
    expect(readFileSync(target, 'utf8')).toBe(OLD);
  });
});

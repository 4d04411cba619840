import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, closeSync, linkSync, openSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { memoryIo } from '../../test/memory-io.js';
import { writeReport } from './write-report.js';

const REPORT = '## Oversight simulation: ✅ within budget\n';

function workspace(): { dir: string; io: ReturnType<typeof memoryIo> } {
  const dir = mkdtempSync(join(tmpdir(), 'oversight-out-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return { dir, io: memoryIo({ cwd: dir }) };
}

describe('writeReport --out', () => {
  it('writes through a symlink to its target, and the link stays a link', async () => {
    const { dir, io } = workspace();
    writeFileSync(join(dir, 'real.md'), 'the old report\n');
    symlinkSync('real.md', join(dir, 'report.md'));
    expect(await writeReport(REPORT, 'report.md', io.io)).toBeUndefined();
    expect(lstatSync(join(dir, 'report.md')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(dir, 'report.md'))).toBe('real.md');
    expect(readFileSync(join(dir, 'real.md'), 'utf8')).toBe(REPORT);
    expect(readdirSync(dir).sort()).toEqual(['real.md', 'report.md']);
  });

  it('follows a chain of links, relative to the directory that holds each, and creates the target of a dangling one', async () => {
    const { dir, io } = workspace();
    mkdirSync(join(dir, 'reports'));
    mkdirSync(join(dir, 'ci'));
    // ci/latest.md -> ../reports/link.md -> today.md (missing: the report creates it)
    symlinkSync('today.md', join(dir, 'reports', 'link.md'));
    symlinkSync('../reports/link.md', join(dir, 'ci', 'latest.md'));
    expect(await writeReport(REPORT, 'ci/latest.md', io.io)).toBeUndefined();
    expect(readFileSync(join(dir, 'reports', 'today.md'), 'utf8')).toBe(REPORT);
    expect(lstatSync(join(dir, 'ci', 'latest.md')).isSymbolicLink()).toBe(true);
    expect(lstatSync(join(dir, 'reports', 'link.md')).isSymbolicLink()).toBe(true);
    expect(readdirSync(join(dir, 'reports')).sort()).toEqual(['link.md', 'today.md']);
  });

  it('writes into a FIFO straight through, to the reader waiting on it, and the FIFO stays a FIFO', async () => {
    const { dir, io } = workspace();
    const fifo = join(dir, 'report.fifo');
    execFileSync('mkfifo', [fifo]);
    // The reader is another process: its open blocks until a writer opens the FIFO, without holding up this one.
    const reader = spawn('cat', [fifo], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      const received: Buffer[] = [];
      reader.stdout.on('data', (chunk: Buffer) => received.push(chunk));
      const closed = once(reader, 'close');
      expect(await writeReport(REPORT, fifo, io.io)).toBeUndefined();
      expect(lstatSync(fifo).isFIFO()).toBe(true);
      expect(readdirSync(dir)).toEqual(['report.fifo']);
      const [code] = (await closed) as [code: number | null, signal: NodeJS.Signals | null];
      expect(code).toBe(0);
      expect(Buffer.concat(received).toString('utf8')).toBe(REPORT);
    } finally {
      // Before the fix the FIFO was replaced by a file and cat waited on it forever.
      if (reader.exitCode === null && reader.signalCode === null) reader.kill();
    }
  });

  it('writes /dev/fd/N straight into the file the descriptor is open on, truncated as a shell redirection would, never replacing it', async () => {
    const { dir, io } = workspace();
    const out = join(dir, 'report.md');
    writeFileSync(out, 'an old report, longer than the new one\n'.repeat(3));
    const inode = statSync(out).ino;
    const fd = openSync(out, 'r+');
    try {
      expect(await writeReport(REPORT, `/dev/fd/${fd}`, io.io)).toBeUndefined();
    } finally {
      closeSync(fd);
    }
    expect(readFileSync(out, 'utf8')).toBe(REPORT);
    expect(statSync(out).ino).toBe(inode);
    expect(readdirSync(dir)).toEqual(['report.md']);
  });

  it('replaces a regular file atomically, keeping its permissions, and leaves no temporary file', async () => {
    const { dir, io } = workspace();
    const out = join(dir, 'report.md');
    writeFileSync(out, 'the old report\n');
    chmodSync(out, 0o640);
    // A hard link keeps the old file: a reader that opened it before the rename still reads it whole.
    linkSync(out, join(dir, 'reader.md'));
    expect(await writeReport(REPORT, 'report.md', io.io)).toBeUndefined();
    expect(readFileSync(out, 'utf8')).toBe(REPORT);
    expect(readFileSync(join(dir, 'reader.md'), 'utf8')).toBe('the old report\n');
    expect(statSync(out).mode & 0o777).toBe(0o640);
    expect(readdirSync(dir).sort()).toEqual(['reader.md', 'report.md']);
  });

  it('creates a report that does not exist yet', async () => {
    const { dir, io } = workspace();
    expect(await writeReport(REPORT, 'new.md', io.io)).toBeUndefined();
    expect(readFileSync(join(dir, 'new.md'), 'utf8')).toBe(REPORT);
    expect(readdirSync(dir)).toEqual(['new.md']);
  });

  it('names the missing directory, and writes nothing', async () => {
    const { dir, io } = workspace();
    expect(await writeReport(REPORT, 'missing/report.md', io.io)).toBe(`cannot write report to 'missing/report.md': no such directory: ${join(dir, 'missing')}`);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses a directory, and a loop of links, saying why', async () => {
    const { dir, io } = workspace();
    mkdirSync(join(dir, 'reports'));
    symlinkSync('b', join(dir, 'a'));
    symlinkSync('a', join(dir, 'b'));
    expect(await writeReport(REPORT, 'reports', io.io)).toBe("cannot write report to 'reports': it is a directory");
    expect(await writeReport(REPORT, 'a', io.io)).toBe("cannot write report to 'a': too many levels of symbolic links");
    expect(readdirSync(dir).sort()).toEqual(['a', 'b', 'reports']);
  });
});

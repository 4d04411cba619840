import type { Stats } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { descriptorOf, findReportTarget, targetOf } from './report-target.js';

/** The lstat of one kind of file, without touching a real device. */
function kind(of: 'file' | 'character device' | 'FIFO' | 'directory' | 'socket'): Pick<Stats, 'isFile' | 'isCharacterDevice' | 'isFIFO' | 'isDirectory' | 'mode'> {
  return {
    isFile: () => of === 'file',
    isCharacterDevice: () => of === 'character device',
    isFIFO: () => of === 'FIFO',
    isDirectory: () => of === 'directory',
    mode: 0o100640,
  };
}

describe('descriptorOf', () => {
  it.each([
    ['/dev/stdout', 1],
    ['/dev/stderr', 2],
    ['/dev/stdin', 0],
    ['/dev/fd/1', 1],
    ['/dev/fd/63', 63],
    ['/proc/self/fd/2', 2],
  ])('reads %s as descriptor %i, written through and never followed by hand or replaced', (path, fd) => {
    expect(descriptorOf(path)).toBe(fd);
  });

  it.each(['/tmp/dev/stdout', '/dev/stdout.md', '/dev/fd/', '/dev/fd/1/x', '/proc/1/fd/1', 'dev/stdout'])('reads %s as an ordinary path', (path) => {
    expect(descriptorOf(path)).toBeUndefined();
  });
});

describe('findReportTarget', () => {
  it('refuses standard input, which a report would overwrite', async () => {
    expect(await findReportTarget('/dev/stdin')).toEqual({ kind: 'refused', reason: 'it is standard input' });
    expect(await findReportTarget('/proc/self/fd/0')).toEqual({ kind: 'refused', reason: 'it is standard input' });
  });
});

describe('targetOf', () => {
  it('replaces a regular file, keeping its permissions', () => {
    expect(targetOf('/r/report.md', kind('file'))).toEqual({ kind: 'replace', path: '/r/report.md', mode: 0o640 });
  });

  it.each(['character device', 'FIFO'] as const)('writes straight into a %s, such as /dev/null, never replacing it with a file', (of) => {
    expect(targetOf('/r/sink', kind(of))).toEqual({ kind: 'through', path: '/r/sink', descriptor: false });
  });

  it.each([
    ['directory', 'it is a directory'],
    ['socket', 'it is not a regular file, a FIFO or a character device'],
  ] as const)('refuses a %s', (of, reason) => {
    expect(targetOf('/r/x', kind(of))).toEqual({ kind: 'refused', reason });
  });
});

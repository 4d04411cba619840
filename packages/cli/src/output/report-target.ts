import { lstat, readlink, realpath } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * Where `--out` writes, once links are followed:
 * - `stdout`, `stderr`: the streams the CLI was given (`/dev/stdout`, `/dev/fd/2`…);
 * - `replace`: a regular file, or a path that does not exist yet, replaced
 *   atomically; `mode` keeps an existing file's permissions;
 * - `through`: a character device, a FIFO or another open descriptor, written
 *   straight into, never replaced (`descriptor`: a `/dev/fd/N` path, which
 *   the kernel resolves and which may name a regular file the shell opened);
 * - `refused`: a directory, a socket, a block device, standard input, a loop of links.
 */
export type ReportTarget =
  | { kind: 'stdout' | 'stderr' }
  | { kind: 'replace'; path: string; mode: number | undefined }
  | { kind: 'through'; path: string; descriptor: boolean }
  | { kind: 'refused'; reason: string };

/** As many links as Linux follows before ELOOP. */
const MAX_LINKS = 40;
const DESCRIPTOR = /^\/(?:dev\/fd|proc\/self\/fd)\/(\d+)$/;
const STANDARD: Record<string, number> = { '/dev/stdin': 0, '/dev/stdout': 1, '/dev/stderr': 2 };

/**
 * The descriptor an absolute path names (`/dev/stdout`, `/dev/fd/3`,
 * `/proc/self/fd/1`), or undefined. Such a path is a link the kernel
 * resolves to an open file, pipe or terminal: following it by hand would
 * reach `pipe:[1234]`, or a file the shell holds open that a rename would
 * orphan.
 */
export function descriptorOf(path: string): number | undefined {
  if (STANDARD[path] !== undefined) return STANDARD[path];
  const match = DESCRIPTOR.exec(path);
  return match === null ? undefined : Number(match[1]);
}

/** What to do with a path that is not a link, from its `lstat`. */
export function targetOf(path: string, stats: Pick<Stats, 'isFile' | 'isCharacterDevice' | 'isFIFO' | 'isDirectory' | 'mode'>): ReportTarget {
  if (stats.isFile()) return { kind: 'replace', path, mode: stats.mode & 0o777 };
  // Replacing /dev/null with a regular file, as root, would capture every later write to it machine-wide.
  if (stats.isCharacterDevice() || stats.isFIFO()) return { kind: 'through', path, descriptor: false };
  if (stats.isDirectory()) return { kind: 'refused', reason: 'it is a directory' };
  return { kind: 'refused', reason: 'it is not a regular file, a FIFO or a character device' };
}

/**
 * Follows `path` (absolute) through any symbolic links to what a report
 * should be written to. A link stays a link: its target gets the report.
 * Rejects with the file system's error when a path cannot be inspected.
 */
export async function findReportTarget(path: string): Promise<ReportTarget> {
  let current = path;
  for (let links = 0; links <= MAX_LINKS; links++) {
    const descriptor = descriptorOf(current);
    // Writing a report over the input (`< facts.jsonl`) is never what was meant.
    if (descriptor === 0) return { kind: 'refused', reason: 'it is standard input' };
    if (descriptor === 1) return { kind: 'stdout' };
    if (descriptor === 2) return { kind: 'stderr' };
    if (descriptor !== undefined) return { kind: 'through', path: current, descriptor: true };
    let stats: Stats;
    try {
      stats = await lstat(current);
    } catch (error) {
      // Nothing there yet (a dangling link's target included): the report creates it.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'replace', path: current, mode: undefined };
      throw error;
    }
    if (!stats.isSymbolicLink()) return targetOf(current, stats);
    // A relative link is relative to the directory that holds it, as the kernel reads it: resolve that first.
    current = resolve(await realpath(dirname(current)), await readlink(current));
  }
  return { kind: 'refused', reason: 'too many levels of symbolic links' };
}

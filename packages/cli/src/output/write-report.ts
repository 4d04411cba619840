import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { CliIo } from '../io.js';
import { describeFileError } from '../files/file-access.js';
import { replaceFile } from './replace-file.js';
import { findReportTarget, type ReportTarget } from './report-target.js';
import { writeText } from './write-text.js';

/**
 * Writes a report to stdout, or to `out`. A regular file (or a new one) is
 * replaced atomically through a temporary file, so a reader never sees half a
 * report and a failed run leaves the previous one intact; a symbolic link
 * stays a link and its target gets the report; a FIFO, a character device
 * and `/dev/stdout` are written straight into, never replaced. Returns an
 * error message, or undefined.
 */
export async function writeReport(text: string, out: string | undefined, io: CliIo): Promise<string | undefined> {
  if (out === undefined) {
    await writeText(io.stdout, text);
    return undefined;
  }
  let target: ReportTarget | undefined;
  try {
    target = await findReportTarget(resolve(io.cwd, out));
    switch (target.kind) {
      case 'stdout':
      case 'stderr':
        await writeText(io[target.kind], text);
        return undefined;
      case 'replace':
        await replaceFile(target.path, (handle) => handle.writeFile(text, 'utf8'), target.mode);
        return undefined;
      case 'through':
        await writeThrough(target.path, text, target.descriptor);
        return undefined;
      case 'refused':
        return `cannot write report to '${out}': ${target.reason}`;
    }
  } catch (error) {
    return `cannot write report to '${out}': ${describeWriteError(error, target)}`;
  }
}

/**
 * Writes into what is already there: a FIFO's reader or a device gets the
 * report as it is written. Opened without O_CREAT, and without following a
 * link unless it is a descriptor path, so nothing is created or replaced if
 * the path changed since it was inspected.
 */
async function writeThrough(path: string, text: string, descriptor: boolean): Promise<void> {
  const flags = constants.O_WRONLY | constants.O_NOCTTY | (descriptor ? 0 : constants.O_NOFOLLOW);
  const handle = await open(path, flags);
  try {
    const stats = await handle.stat();
    // A descriptor the shell opened on a file (`3> report.md`): truncate it as `>` would.
    if (descriptor && stats.isFile()) await handle.truncate(0);
    else if (!stats.isFIFO() && !stats.isCharacterDevice()) throw new Error('it changed into something other than a FIFO or a character device while the report was written');
    await handle.writeFile(text, 'utf8');
  } finally {
    await handle.close();
  }
}

/** The error of a write, naming the directory when that is what is missing. */
function describeWriteError(error: unknown, target: ReportTarget | undefined): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (target?.kind === 'replace' && code === 'ENOENT') return `no such directory: ${dirname(target.path)}`;
  if (code === 'ENOTDIR') return 'a part of its path is not a directory';
  return describeFileError(error);
}

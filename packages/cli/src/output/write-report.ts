import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { CliIo } from '../io.js';
import { describeFileError } from '../files/file-access.js';
import { writeText } from './write-text.js';

/**
 * Writes a report to stdout, or to `out` through a temporary file renamed
 * into place, so a reader never sees half a report and a failed run leaves
 * the previous one intact. Returns an error message, or undefined.
 */
export async function writeReport(text: string, out: string | undefined, io: CliIo): Promise<string | undefined> {
  if (out === undefined) {
    await writeText(io.stdout, text);
    return undefined;
  }
  const target = resolve(io.cwd, out);
  const temporary = join(dirname(target), `.${basename(target)}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(temporary, text, 'utf8');
    await rename(temporary, target);
    return undefined;
  } catch (error) {
    await rm(temporary, { force: true });
    return `cannot write report to '${out}': ${describeFileError(error)}`;
  }
}

import { open, readFile } from 'node:fs/promises';
import type { Readable } from 'node:stream';

/** Reads a whole text file (a policy). */
export type ReadTextFile = (path: string) => Promise<string>;
/** Opens a file for streaming (facts). Rejects when the file cannot be opened. */
export type OpenFileStream = (path: string) => Promise<Readable>;

export const readTextFile: ReadTextFile = (path) => readFile(path, 'utf8');

export const openFileStream: OpenFileStream = async (path) => {
  // Opening first surfaces ENOENT and EACCES here, before any output is written.
  const handle = await open(path, 'r');
  return handle.createReadStream({ encoding: 'utf8' });
};

const REASONS: Record<string, string> = {
  ENOENT: 'no such file',
  EISDIR: 'it is a directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
};

/** A file system error in words a user acts on, without the stack. */
export function describeFileError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code !== undefined && REASONS[code] !== undefined) return REASONS[code];
  return error instanceof Error ? error.message : String(error);
}

import { randomBytes } from 'node:crypto';
import { unlinkSync } from 'node:fs';
import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Signals that end a run by default: a write they interrupt must not leave its temporary file. */
const ENDING_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** The temporary file beside `target` that becomes it: hidden, and named for it. */
export function temporaryNameFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.${randomBytes(4).toString('hex')}.tmp`);
}

function removeIfThere(path: string): void {
  try {
    unlinkSync(path);
  } catch (error) {
    // Already gone (renamed into place, or removed by the write's own cleanup): nothing left to do.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/**
 * Removes `path` if the process ends before `release` is called: on exit,
 * and on SIGINT, SIGTERM or SIGHUP, after which the signal is raised again so
 * the process ends as it would have without us (unless someone else listens
 * for it, who then decides). Returns `release`.
 */
function removeOnExit(path: string): () => void {
  const onExit = (): void => removeIfThere(path);
  const onSignal = (signal: NodeJS.Signals): void => {
    release();
    removeIfThere(path);
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  };
  const release = (): void => {
    process.off('exit', onExit);
    for (const signal of ENDING_SIGNALS) process.off(signal, onSignal);
  };
  process.on('exit', onExit);
  for (const signal of ENDING_SIGNALS) process.on(signal, onSignal);
  return release;
}

/**
 * Replaces the regular file `target` (or creates it) atomically: `write`
 * fills a new temporary file in the same directory, which is then renamed
 * over it, so a reader sees the old file or the whole new one, never half.
 * `mode` keeps the permissions of the file replaced. The temporary file is
 * removed on any error, and when the process exits or is interrupted
 * meanwhile. Rejects with the error that stopped the write.
 */
export async function replaceFile(target: string, write: (handle: FileHandle) => Promise<void>, mode?: number): Promise<void> {
  const temporary = temporaryNameFor(target);
  // Hooked before the file exists, so no signal finds it created and unhooked.
  const release = removeOnExit(temporary);
  let created = false;
  try {
    // 'wx' never opens a file already there: a name planted in the directory is neither followed nor overwritten.
    const handle = await open(temporary, 'wx', 0o666);
    created = true;
    try {
      if (mode !== undefined) await handle.chmod(mode);
      await write(handle);
    } finally {
      await handle.close();
    }
    await rename(temporary, target);
  } catch (error) {
    if (created) await rm(temporary, { force: true });
    throw error;
  } finally {
    release();
  }
}

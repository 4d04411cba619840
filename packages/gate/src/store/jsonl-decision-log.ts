// A decision log in one JSON Lines file, for a gate in one process. Each line
// carries the hash of the line before it (tamper evidence); appends wait for
// fdatasync, and appends that arrive while one sync runs share the next one
// (group commit). A crash can leave only a torn last line: open() sets it aside
// in a file of its own, says so, and never takes it for a record.
import { createReadStream, writeSync } from 'node:fs';
import { open, readFile, unlink, writeFile, type FileHandle } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { parseJson } from '@oversight/core';
import { lineHash } from '../log/chain.js';
import type { LogEntry } from '../log/log-entry.js';
import type { DecisionStore } from './decision-store.js';

export interface JsonlLogOptions {
  /** `group` (default): callers that append during a sync share the next one. `each`: one sync per append. */
  sync?: 'group' | 'each';
  /**
   * When set, an append resolves once its lines are written to the file (they
   * survive the process being killed) and fdatasync follows within this many
   * milliseconds: a power loss or kernel crash can lose that window of answers.
   * Unset (the default), an append resolves only after fdatasync.
   */
  syncEveryMs?: number;
}

export interface TornTail {
  /** Bytes set aside. */
  bytes: number;
  /** Where they were saved, beside the log. */
  savedTo: string;
  /** The line number the torn line would have had. */
  line: number;
}

interface PendingWrite {
  text: string;
  resolve: () => void;
  reject: (error: Error) => void;
}

export class JsonlDecisionLog implements DecisionStore {
  private readonly queue: PendingWrite[] = [];
  private flushing = false;
  private failed: Error | undefined;
  private closed = false;
  /** The fdatasync a `syncEveryMs` log owes, once scheduled. */
  private pendingSync: NodeJS.Timeout | undefined;

  private constructor(
    readonly path: string,
    private readonly handle: FileHandle,
    private readonly lockPath: string,
    /** The size of the complete lines at open: what read() returns. */
    private readonly openedSize: number,
    /** The hash the next line carries as `prev` (null starts a log). */
    private head: string | null,
    private readonly sync: 'group' | 'each',
    /** A torn last line found and set aside on open, if there was one. */
    readonly tornTail: TornTail | undefined,
    private readonly syncEveryMs: number | undefined,
  ) {}

  static async open(path: string, options: JsonlLogOptions = {}): Promise<JsonlDecisionLog> {
    const syncEveryMs = checkSyncEvery(options.syncEveryMs);
    const lockPath = `${path}.lock`;
    await takeLock(lockPath, path);
    const handle = await open(path, 'a+');
    try {
      const { size, torn } = await setAsideTornTail(handle, path);
      const last = size === 0 ? undefined : await lastLine(handle, size);
      return new JsonlDecisionLog(path, handle, lockPath, size, last === undefined ? null : lineHash(last), options.sync ?? 'group', torn, syncEveryMs);
    } catch (error) {
      await handle.close();
      await unlink(lockPath).catch(() => undefined);
      throw error;
    }
  }

  async *read(): AsyncIterable<LogEntry> {
    if (this.openedSize === 0) return;
    const lines = createInterface({ input: createReadStream(this.path, { start: 0, end: this.openedSize - 1 }), crlfDelay: Infinity });
    let number = 0;
    for await (const line of lines) {
      number++;
      const parsed = parseJson(line);
      if (!parsed.ok || parsed.value === null || typeof parsed.value !== 'object' || Array.isArray(parsed.value)) {
        throw new Error(`${this.path}:${number}: ${parsed.ok ? 'not a JSON object' : parsed.error.message}; the log cannot be rebuilt past it: run oversight log verify ${this.path}`);
      }
      const { prev: _chain, ...entry } = parsed.value as LogEntry & { prev?: unknown };
      yield entry;
    }
  }

  append(entries: readonly LogEntry[]): Promise<void> {
    if (this.failed) return Promise.reject(this.failed);
    if (this.closed) return Promise.reject(new Error(`${this.path} is closed`));
    let text = '';
    for (const entry of entries) {
      const line = JSON.stringify({ ...entry, prev: this.head });
      this.head = lineHash(line);
      text += line + '\n';
    }
    if (this.syncEveryMs !== undefined) return this.writeNow(text);
    return new Promise((resolve, reject) => {
      this.queue.push({ text, resolve, reject });
      void this.flush();
    });
  }

  /**
   * A `syncEveryMs` log writes at once, in the caller's turn (as pino's
   * synchronous destination does): a write to the page cache takes
   * microseconds, less than a hop through libuv's thread pool, and keeps the
   * lines in the order their hashes chain.
   */
  private writeNow(text: string): Promise<void> {
    const bytes = Buffer.from(text);
    try {
      for (let written = 0; written < bytes.length; ) written += writeSync(this.handle.fd, bytes, written);
    } catch (error) {
      this.failed = error as Error;
      return Promise.reject(this.failed);
    }
    this.scheduleSync(this.syncEveryMs!);
    return Promise.resolve();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    while (this.flushing || this.queue.length > 0) await this.flush();
    if (this.pendingSync !== undefined) {
      clearTimeout(this.pendingSync);
      this.pendingSync = undefined;
      await this.handle.datasync();
    }
    await this.handle.close();
    await unlink(this.lockPath).catch(() => undefined);
  }

  private async flush(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.sync === 'group' ? this.queue.splice(0) : this.queue.splice(0, 1);
        try {
          await this.handle.appendFile(batch.map((write) => write.text).join(''));
          if (this.syncEveryMs === undefined) await this.handle.datasync();
          else this.scheduleSync(this.syncEveryMs);
          for (const write of batch) write.resolve();
        } catch (error) {
          // What was not synced may or may not be on disk: nothing more is written, and the gate stops.
          this.failed = error as Error;
          for (const write of [...batch, ...this.queue.splice(0)]) write.reject(this.failed);
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  private scheduleSync(ms: number): void {
    if (this.pendingSync !== undefined) return;
    this.pendingSync = setTimeout(() => {
      this.pendingSync = undefined;
      // A sync that fails leaves earlier answers unsure: the next append is refused, and the gate stops.
      this.handle.datasync().catch((error: unknown) => (this.failed ??= error as Error));
    }, ms);
  }
}

function checkSyncEvery(ms: number | undefined): number | undefined {
  if (ms !== undefined && !(Number.isInteger(ms) && ms > 0 && ms <= 60_000)) throw new Error(`syncEveryMs is a whole number of milliseconds from 1 to 60000, not ${ms}`);
  return ms;
}

/** One process writes a log: a lock file names it, and a lock whose process is gone is taken over. */
async function takeLock(lockPath: string, path: string): Promise<void> {
  try {
    await writeFile(lockPath, String(process.pid), { flag: 'wx' });
    return;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const holder = Number(await readFile(lockPath, 'utf8').catch(() => ''));
  if (holder === process.pid) throw new Error(`${path} is already open in this process: share the one JsonlDecisionLog (and gate) rather than open it twice`);
  if (Number.isInteger(holder) && holder > 0 && processAlive(holder)) {
    throw new Error(`${path} is open in process ${holder} (${lockPath}); one process writes a log: stop it, or use a shared store for several replicas`);
  }
  await writeFile(lockPath, String(process.pid));
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Moves bytes after the last newline (a line a crash cut short) to `<log>.torn-<offset>` and truncates them away. */
async function setAsideTornTail(handle: FileHandle, path: string): Promise<{ size: number; torn: TornTail | undefined }> {
  const { size } = await handle.stat();
  const end = await lastNewlineEnd(handle, size);
  if (end === size) return { size, torn: undefined };
  const tail = Buffer.alloc(size - end);
  await handle.read(tail, 0, tail.length, end);
  const savedTo = `${path}.torn-${end}`;
  await writeDurably(savedTo, tail);
  await handle.truncate(end);
  await handle.sync();
  const line = (await countNewlines(handle, end)) + 1;
  return { size: end, torn: { bytes: tail.length, savedTo, line } };
}

async function writeDurably(path: string, bytes: Buffer): Promise<void> {
  const handle = await open(path, 'w');
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

const CHUNK = 64 * 1024;

/** The offset just past the last newline before `size` (0 when there is none). */
async function lastNewlineEnd(handle: FileHandle, size: number): Promise<number> {
  const buffer = Buffer.alloc(CHUNK);
  for (let end = size; end > 0; ) {
    const start = Math.max(0, end - CHUNK);
    const { bytesRead } = await handle.read(buffer, 0, end - start, start);
    const index = buffer.subarray(0, bytesRead).lastIndexOf(0x0a);
    if (index >= 0) return start + index + 1;
    end = start;
  }
  return 0;
}

/** The last complete line of a log whose `size` ends with a newline. */
async function lastLine(handle: FileHandle, size: number): Promise<string> {
  const start = await lastNewlineEnd(handle, size - 1);
  const buffer = Buffer.alloc(size - 1 - start);
  await handle.read(buffer, 0, buffer.length, start);
  return buffer.toString('utf8');
}

async function countNewlines(handle: FileHandle, end: number): Promise<number> {
  const buffer = Buffer.alloc(CHUNK);
  let count = 0;
  for (let start = 0; start < end; start += CHUNK) {
    const { bytesRead } = await handle.read(buffer, 0, Math.min(CHUNK, end - start), start);
    for (let i = 0; i < bytesRead; i++) if (buffer[i] === 0x0a) count++;
  }
  return count;
}

// An in-memory CliIo for tests: stdin from a string, stdout and stderr captured,
// and optional virtual files laid over the real file system.
import { resolve } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { openFileStream, readTextFile } from '../src/files/file-access.js';
import { runCaptured, type CapturedRun, type CliIo } from '../src/index.js';

export interface MemoryIoOptions {
  cwd: string;
  stdin?: string;
  /** Path (relative to cwd) to content; anything else is read from the real file system. */
  files?: Record<string, string>;
  isTTY?: boolean;
  now?: Date;
}

export interface MemoryIo {
  io: CliIo;
  stdout: () => string;
  stderr: () => string;
}

function collector(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      chunks.push(chunk.toString());
      callback();
    },
  });
  return { stream, text: () => chunks.join('') };
}

export function memoryIo(options: MemoryIoOptions): MemoryIo {
  const stdout = collector();
  const stderr = collector();
  const virtual = new Map(Object.entries(options.files ?? {}).map(([path, text]) => [resolve(options.cwd, path), text]));
  const io: CliIo = {
    stdin: Readable.from(options.stdin === undefined ? [] : [options.stdin]),
    stdout: stdout.stream,
    stderr: stderr.stream,
    isTTY: options.isTTY ?? false,
    cwd: options.cwd,
    readFile: async (path) => virtual.get(path) ?? readTextFile(path),
    openFile: async (path) => {
      const text = virtual.get(path);
      return text === undefined ? openFileStream(path) : Readable.from([text]);
    },
    now: () => options.now ?? new Date('2026-10-03T12:00:00Z'),
  };
  return { io, stdout: stdout.text, stderr: stderr.text };
}

/** Runs `oversight` in-process from `cwd`: its exit code and what it printed. */
export function runOversight(cwd: string, ...args: string[]): Promise<CapturedRun> {
  return runCaptured(args, { cwd });
}

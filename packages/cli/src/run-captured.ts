import { PassThrough, Readable } from 'node:stream';
import { run } from './run.js';

export interface CapturedRun {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `oversight` in-process with `args` and returns its exit code and what it
 * printed: for a test or a script that checks a log (`log verify`) or a policy
 * the way CI would, without spawning a process.
 */
export async function runCaptured(args: readonly string[], options: { cwd?: string; stdin?: string } = {}): Promise<CapturedRun> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: string[] = [];
  const err: string[] = [];
  stdout.setEncoding('utf8').on('data', (chunk: string) => out.push(chunk));
  stderr.setEncoding('utf8').on('data', (chunk: string) => err.push(chunk));
  const exitCode = await run(args, { stdin: Readable.from([options.stdin ?? '']), stdout, stderr, cwd: options.cwd ?? process.cwd() });
  return { exitCode, stdout: out.join(''), stderr: err.join('') };
}

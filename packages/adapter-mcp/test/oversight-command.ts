// Runs the `oversight` command in-process, as CI would run it on a proxy's log.
import { PassThrough } from 'node:stream';
import { run } from '@oversight/cli';

export async function oversight(...args: string[]): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: string[] = [];
  const err: string[] = [];
  stdout.setEncoding('utf8').on('data', (chunk: string) => out.push(chunk));
  stderr.setEncoding('utf8').on('data', (chunk: string) => err.push(chunk));
  const exitCode = await run(args, { stdin: new PassThrough(), stdout, stderr, cwd: process.cwd() });
  return { exitCode, stdout: out.join(''), stderr: err.join('') };
}

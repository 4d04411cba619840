#!/usr/bin/env node
import { EXIT } from './exit-codes.js';
import { run } from './run.js';

// A reader that stops early (`oversight eval ... | head`) closes the pipe: stop quietly, as Unix tools do.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

try {
  process.exitCode = await run(process.argv.slice(2), {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    // NO_COLOR (https://no-color.org) turns colour off as a pipe does.
    isTTY: process.stdout.isTTY === true && process.env.NO_COLOR === undefined,
    stderrIsTTY: process.stderr.isTTY === true,
    cwd: process.cwd(),
  });
} catch (error) {
  // run() turns every expected failure into an exit code; reaching here is a bug, so keep the stack for the report.
  process.stderr.write(`oversight: internal error, please report it:\n${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = EXIT.internal;
}

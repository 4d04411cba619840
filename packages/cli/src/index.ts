// The public API of @oversight/cli: run the `oversight` command in-process. Everything else is internal.
export { run } from './run.js';
export { runCaptured } from './run-captured.js';
export type { CapturedRun } from './run-captured.js';
export type { CliIo } from './io.js';

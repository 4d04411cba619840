// The public API of @oversight/cli: run the `oversight` command in-process. Everything else is internal.
export { run } from './run.js';
export type { CliIo } from './io.js';

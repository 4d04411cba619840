// Runs the `oversight` command in-process, as CI would run it on a decision log.
import { runCaptured, type CapturedRun } from '@oversight/cli';

export const oversight = (...args: string[]): Promise<CapturedRun> => runCaptured(args);

import type { ReplayState } from '@oversight/simulator/internal';
import type { CliIo } from '../io.js';
import { progressBar, PROGRESS_MIN_BYTES } from '../output/progress-bar.js';
import type { HistoryFile } from './history-files.js';
import { planJob, type JobPlan, type ReplayJob } from './replay-job.js';
import { replayFiles } from './replay-files.js';

/** Replays the files for a command, with a progress bar when stderr is a terminal and the history is large. */
export async function runReplay(files: readonly HistoryFile[], job: ReplayJob, options: { jobs: number; examples: number }, io: CliIo): Promise<{ plan: JobPlan; state: ReplayState }> {
  const plan = planJob(job);
  const total = files.reduce((sum, file) => sum + file.size, 0);
  const bar = io.stderrIsTTY === true && total >= PROGRESS_MIN_BYTES ? progressBar(io.stderr, total) : undefined;
  try {
    const state = await replayFiles(files, job, plan, { ...options, onProgress: bar?.update });
    return { plan, state };
  } finally {
    bar?.done();
  }
}

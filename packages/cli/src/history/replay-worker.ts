// A worker thread of `--jobs`: replays byte ranges of history files and sends
// back the counts, which the main thread merges exactly.
import { parentPort } from 'node:worker_threads';
import { Replay, type ReplayState } from '@oversight/simulator';
import { planJob, type JobPlan, type ReplayJob } from './replay-job.js';
import { replayRange } from './read-range.js';

export interface RangeTask {
  index: number;
  source: string;
  path: string;
  start: number;
  end: number;
}

export type WorkerRequest = { job: ReplayJob; examples: number } | { task: RangeTask };
export type WorkerReply = { index: number; state: ReplayState; lines: number } | { progress: number };

const PROGRESS_EVERY = 4 << 20;
let plan: JobPlan | undefined;
let examples = 20;

parentPort?.on('message', (request: WorkerRequest) => {
  if ('job' in request) {
    plan = planJob(request.job);
    examples = request.examples;
    return;
  }
  void runTask(request.task).then((reply) => parentPort?.postMessage(reply));
});

async function runTask(task: RangeTask): Promise<WorkerReply> {
  const replay = new Replay(plan!.variants, { examples });
  replay.startSource(task.source);
  let unreported = 0;
  const lines = await replayRange(replay, task.path, task.start, task.end, (bytes) => {
    unreported += bytes;
    if (unreported < PROGRESS_EVERY) return;
    parentPort?.postMessage({ progress: unreported });
    unreported = 0;
  });
  if (unreported > 0) parentPort?.postMessage({ progress: unreported });
  return { index: task.index, state: replay.state, lines };
}

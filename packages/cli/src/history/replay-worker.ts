// A worker thread of `--jobs`: replays byte ranges of history files and sends
// back the counts, which the main thread merges exactly.
import { parentPort } from 'node:worker_threads';
import { planJob, type JobPlan, type ReplayJob } from './replay-job.js';
import { replayTask, type RangeTask, type TaskResult } from './replay-task.js';

export type WorkerRequest = { job: ReplayJob; examples: number } | { task: RangeTask };
export type WorkerReply = TaskResult | { progress: number };

const PROGRESS_EVERY = 4 << 20;
let plan: JobPlan | undefined;
let examples = 20;

parentPort?.on('message', (request: WorkerRequest) => {
  if ('job' in request) {
    plan = planJob(request.job);
    examples = request.examples;
    return;
  }
  // The decisionIds go as typed arrays, moved to the main thread rather than copied.
  void runTask(request.task).then((reply) => parentPort?.postMessage(reply, 'decisionLines' in reply ? [reply.decisionLines.chars.buffer, reply.decisionLines.starts.buffer, reply.decisionLines.values.buffer] : []));
});

async function runTask(task: RangeTask): Promise<WorkerReply> {
  let unreported = 0;
  const result = await replayTask(plan!.variants, task, examples, (bytes) => {
    unreported += bytes;
    if (unreported < PROGRESS_EVERY) return;
    parentPort?.postMessage({ progress: unreported });
    unreported = 0;
  });
  if (unreported > 0) parentPort?.postMessage({ progress: unreported });
  return result;
}

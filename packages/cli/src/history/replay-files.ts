import { DecisionIndex, mergeReplayState, newReplayState, Replay, shiftLines, type IdTableData, type ReplayState } from '@oversight/simulator/internal';
import type { HistoryFile } from './history-files.js';
import type { JobPlan, ReplayJob } from './replay-job.js';
import { replayRange } from './read-range.js';
import { replayTask, type RangeTask, type TaskResult } from './replay-task.js';
import { startWorker } from '../workers/start-worker.js';
import type { WorkerReply, WorkerRequest } from './replay-worker.js';

export interface ReplayFilesOptions {
  /** Threads replaying at once: this one and jobs - 1 workers; 1 replays in this thread alone. */
  jobs: number;
  examples: number;
  /** Smallest byte range a worker gets (default 4 MB). */
  minRangeBytes?: number;
  /** Called with the number of characters read so far, as they are read. */
  onProgress?: (read: number) => void;
}

/** Below this a file is not worth splitting between workers. */
const MIN_RANGE = 4 << 20;
/**
 * Ranges per thread: threads take ranges from one queue, so one that starts
 * late (a worker loads its modules first) or runs slow takes fewer, and all
 * finish within about one range of each other.
 */
const RANGES_PER_JOB = 8;

/**
 * Replays history files through the job's variants. With `jobs` > 1, this
 * thread and `jobs` - 1 workers replay byte ranges (cut at line starts) and
 * their counts are merged: the result is the one a single pass gives, line
 * numbers and duplicate decisionIds included. A range that repeats an id of
 * an earlier range is replayed again, knowing that id (DecisionIndex).
 */
export async function replayFiles(files: readonly HistoryFile[], job: ReplayJob, plan: JobPlan, options: ReplayFilesOptions): Promise<ReplayState> {
  let read = 0;
  const progress = (bytes: number) => {
    read += bytes;
    options.onProgress?.(read);
  };
  const tasks = rangeTasks(files, options.jobs * RANGES_PER_JOB, options.minRangeBytes ?? MIN_RANGE);
  if (options.jobs <= 1 || tasks.length <= 1) {
    const replay = new Replay(plan.variants, { examples: options.examples });
    for (const file of files) {
      replay.startSource(file.name);
      await replayRange(replay, file.path, 0, file.size, progress);
    }
    return replay.state;
  }
  const setup = { job, examples: options.examples };
  const results: TaskResult[] = [];
  const again: RangeTask[] = [];
  const index = new DecisionIndex();
  let claimed = 0;
  // Ranges are claimed in history order as soon as those before them are in:
  // the ids of a range leave memory while the slowest range still runs.
  const claim = (result: TaskResult) => {
    results[result.index] = result;
    for (let done = results[claimed]; done !== undefined; done = results[++claimed]) {
      const task = tasks[claimed]!;
      const repeated = index.claim(task.source, done.decisionLines, done.lines);
      if (repeated.length > 0) again.push({ ...task, seen: repeated });
      done.decisionLines = CLAIMED;
    }
  };
  await runTasks(tasks, Math.min(options.jobs, tasks.length), plan, setup, progress, claim);
  // Only a history that logged a decision twice, in two ranges, gets here; its bytes were counted once already.
  if (again.length > 0) await runTasks(again, Math.min(options.jobs, again.length), plan, setup, () => undefined, (result) => (results[result.index] = result));
  const merged = newReplayState(plan.variants.map((variant) => variant.plan.rules.length));
  const linesBefore = new Map<string, number>();
  for (const result of results) {
    const source = tasks[result.index]!.source;
    const offset = linesBefore.get(source) ?? 0;
    shiftLines(result.state, offset);
    linesBefore.set(source, offset + result.lines);
    mergeReplayState(merged, result.state, options.examples);
  }
  index.resolve(merged);
  return merged;
}

const CLAIMED: IdTableData = { chars: new Uint16Array(0), starts: new Int32Array(1), values: new Float64Array(0), sorted: true };

function rangeTasks(files: readonly HistoryFile[], ranges: number, minRange: number): RangeTask[] {
  const tasks: RangeTask[] = [];
  for (const file of files) {
    const count = Math.max(1, Math.min(ranges, Math.floor(file.size / minRange)));
    for (let i = 0; i < count; i++) {
      tasks.push({ index: tasks.length, source: file.name, path: file.path, start: Math.floor((file.size * i) / count), end: Math.floor((file.size * (i + 1)) / count) });
    }
  }
  return tasks;
}

// This thread is warm (modules loaded, policies compiled, code optimised): it
// replays ranges too while the workers start, instead of waiting for them.
async function runTasks(
  tasks: RangeTask[],
  jobs: number,
  plan: JobPlan,
  setup: { job: ReplayJob; examples: number },
  progress: (bytes: number) => void,
  onResult: (result: TaskResult) => void,
): Promise<void> {
  let next = 0;
  const take = () => (next < tasks.length ? tasks[next++]! : undefined);
  const workers = Array.from({ length: jobs - 1 }, () => startWorker(import.meta.url, 'replay-worker'));
  const inWorker = (worker: (typeof workers)[number]) =>
    new Promise<void>((resolve, reject) => {
      const give = () => {
        const task = take();
        if (task === undefined) return resolve();
        worker.postMessage({ task } satisfies WorkerRequest);
      };
      worker.on('message', (reply: WorkerReply) => {
        if ('progress' in reply) return progress(reply.progress);
        onResult(reply);
        give();
      });
      // A failed worker ends the run: the queue is emptied so this thread stops too.
      const fail = (error: Error) => {
        next = tasks.length;
        reject(error);
      };
      worker.on('error', fail);
      worker.on('exit', (code) => (code === 0 ? undefined : fail(new Error(`a replay worker exited with code ${code}`))));
      worker.postMessage(setup);
      give();
    });
  const inThisThread = async () => {
    for (let task = take(); task !== undefined; task = take()) onResult(await replayTask(plan.variants, task, setup.examples, progress));
  };
  try {
    await Promise.all([...workers.map(inWorker), inThisThread()]);
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}

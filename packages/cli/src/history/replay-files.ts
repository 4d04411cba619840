import { mergeReplayState, newReplayState, Replay, shiftLines, type ReplayState } from '@oversight/simulator';
import type { HistoryFile } from './history-files.js';
import type { JobPlan, ReplayJob } from './replay-job.js';
import { replayRange } from './read-range.js';
import { startWorker } from '../workers/start-worker.js';
import type { RangeTask, WorkerReply, WorkerRequest } from './replay-worker.js';

export interface ReplayFilesOptions {
  /** Worker threads; 1 replays in this thread. */
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
 * Replays history files through the job's variants. With `jobs` > 1, worker
 * threads replay byte ranges (cut at line starts) and their counts are
 * merged: the result is the one a single pass gives, line numbers included.
 */
export async function replayFiles(files: readonly HistoryFile[], job: ReplayJob, plan: JobPlan, options: ReplayFilesOptions): Promise<ReplayState> {
  let read = 0;
  const progress = (bytes: number) => {
    read += bytes;
    options.onProgress?.(read);
  };
  const tasks = rangeTasks(files, options.jobs, options.minRangeBytes ?? MIN_RANGE);
  if (options.jobs <= 1 || tasks.length <= 1) {
    const replay = new Replay(plan.variants, { examples: options.examples });
    for (const file of files) {
      replay.startSource(file.name);
      await replayRange(replay, file.path, 0, file.size, progress);
    }
    return replay.state;
  }
  const replies = await runWorkers(tasks, Math.min(options.jobs, tasks.length), { job, examples: options.examples }, progress);
  const merged = newReplayState(plan.variants.map((variant) => variant.plan.rules.length));
  const linesBefore = new Map<string, number>();
  for (const reply of replies.sort((a, b) => a.index - b.index)) {
    const source = tasks[reply.index]!.source;
    const offset = linesBefore.get(source) ?? 0;
    shiftLines(reply.state, offset);
    linesBefore.set(source, offset + reply.lines);
    mergeReplayState(merged, reply.state, options.examples);
  }
  return merged;
}

function rangeTasks(files: readonly HistoryFile[], jobs: number, minRange: number): RangeTask[] {
  const tasks: RangeTask[] = [];
  for (const file of files) {
    const count = Math.max(1, Math.min(jobs, Math.floor(file.size / minRange)));
    for (let i = 0; i < count; i++) {
      tasks.push({ index: tasks.length, source: file.name, path: file.path, start: Math.floor((file.size * i) / count), end: Math.floor((file.size * (i + 1)) / count) });
    }
  }
  return tasks;
}

async function runWorkers(tasks: RangeTask[], count: number, setup: WorkerRequest, progress: (bytes: number) => void): Promise<{ index: number; state: ReplayState; lines: number }[]> {
  const replies: { index: number; state: ReplayState; lines: number }[] = [];
  let next = 0;
  const workers = Array.from({ length: count }, () => startWorker(import.meta.url, 'replay-worker'));
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const give = () => {
              if (next >= tasks.length) return resolve();
              worker.postMessage({ task: tasks[next++]! } satisfies WorkerRequest);
            };
            worker.on('message', (reply: WorkerReply) => {
              if ('progress' in reply) return progress(reply.progress);
              replies.push(reply);
              give();
            });
            worker.on('error', reject);
            worker.on('exit', (code) => (code === 0 ? undefined : reject(new Error(`a replay worker exited with code ${code}`))));
            worker.postMessage(setup);
            give();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  return replies;
}

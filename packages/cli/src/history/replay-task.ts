import { Replay, type ReplayState, type ReplayVariant } from '@oversight/simulator';
import { replayRange } from './read-range.js';

/** A byte range of one history file, cut at line starts when it is read. */
export interface RangeTask {
  index: number;
  source: string;
  path: string;
  start: number;
  end: number;
}

export interface TaskResult {
  index: number;
  state: ReplayState;
  /** Lines in the range, for numbering the lines of the ranges after it. */
  lines: number;
}

/** Replays one range into a fresh state: the same work in the main thread and in a worker. */
export async function replayTask(variants: readonly ReplayVariant[], task: RangeTask, examples: number, onBytes?: (bytes: number) => void): Promise<TaskResult> {
  const replay = new Replay(variants, { examples });
  replay.startSource(task.source);
  const lines = await replayRange(replay, task.path, task.start, task.end, onBytes);
  return { index: task.index, state: replay.state, lines };
}

import { Replay, type IdTableData, type ReplayState, type ReplayVariant } from '@oversight/simulator/internal';
import { replayRange } from './read-range.js';

/** A byte range of one history file, cut at line starts when it is read. */
export interface RangeTask {
  index: number;
  source: string;
  path: string;
  start: number;
  end: number;
  /** DecisionIds that earlier ranges read first: given when a range is replayed again (DecisionIndex). */
  seen?: string[];
}

export interface TaskResult {
  index: number;
  state: ReplayState;
  /** Lines in the range, for numbering the lines of the ranges after it. */
  lines: number;
  /** Each decisionId the range read, with its first line in the range, for DecisionIndex. */
  decisionLines: IdTableData;
}

/** Replays one range into a fresh state: the same work in the main thread and in a worker. */
export async function replayTask(variants: readonly ReplayVariant[], task: RangeTask, examples: number, onBytes?: (bytes: number) => void): Promise<TaskResult> {
  const replay = new Replay(variants, { examples, seen: task.seen });
  replay.startSource(task.source);
  const lines = await replayRange(replay, task.path, task.start, task.end, onBytes);
  return { index: task.index, state: replay.state, lines, decisionLines: replay.decisionLines() };
}

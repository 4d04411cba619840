import { Replay, type ReplayOptions, type ReplayVariant } from '../replay/replay.js';
import type { ReplayState } from '../replay/replay-state.js';

/** A history to replay: a name for line references (the file) and its text, in chunks of any size. */
export interface HistorySource {
  name: string;
  chunks: AsyncIterable<string> | Iterable<string>;
}

/**
 * Streams every source through the variants in one pass and returns the
 * counts. Memory stays flat: only a partial line and the tallies are kept.
 */
export async function replayHistory(
  sources: AsyncIterable<HistorySource> | Iterable<HistorySource>,
  variants: readonly ReplayVariant[],
  options: ReplayOptions = {},
): Promise<ReplayState> {
  const replay = new Replay(variants, options);
  for await (const source of sources) {
    replay.startSource(source.name);
    const splitter = replay.lineSplitter();
    for await (const chunk of source.chunks) splitter.push(chunk);
    splitter.end();
  }
  return replay.state;
}

import { replayHistory, type RouteChangeObserver } from '@oversight/simulator';
import type { ReplayState, ReplayVariant } from '@oversight/simulator/internal';
import type { HistoryFile } from './history-files.js';
import { readHistoryFile } from './read-history-file.js';

export interface ReplayFilesOptions {
  examples: number;
  /** Called with the number of bytes read so far, as they are read. */
  onProgress?: (read: number) => void;
  onRouteChange?: RouteChangeObserver;
}

/** Replays history files through the variants in one pass, in the order given. */
export async function replayFiles(files: readonly HistoryFile[], variants: readonly ReplayVariant[], options: ReplayFilesOptions): Promise<ReplayState> {
  let read = 0;
  const progress = (bytes: number) => {
    read += bytes;
    options.onProgress?.(read);
  };
  const sources = files.map((file) => ({ name: file.name, chunks: readHistoryFile(file.path, progress) }));
  return replayHistory(sources, variants, { examples: options.examples, ...(options.onRouteChange === undefined ? {} : { onRouteChange: options.onRouteChange }) });
}

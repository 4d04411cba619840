import { HistoryFormatError, replayOnDuckDb, SqlRefusalError, withDuckDb, type RouteChangesObserver } from '@oversight/duckdb';
import type { RouteChangeObserver } from '@oversight/simulator';
import type { ReplayState, ReplayVariant } from '@oversight/simulator/internal';
import type { CliIo } from '../io.js';
import type { Engine } from '../options/engine.js';
import { progressBar, PROGRESS_MIN_BYTES } from '../output/progress-bar.js';
import type { HistoryFile } from './history-files.js';
import { replayFiles } from './replay-files.js';

export interface ReplayRun {
  engine: Engine;
  examples: number;
  /** Whether the candidates' escapes and saved reviews are listed (a sweep lists none). */
  candidateExamples: boolean;
  /** Told of each record a candidate routes otherwise, on the streaming engine. */
  onRouteChange?: RouteChangeObserver;
  /** The same on DuckDB: records alike in facts and decision told at once. */
  onRouteChanges?: RouteChangesObserver;
}

/** A replay DuckDB could not run: what to tell the user, who can run the streaming engine instead. */
export type ReplayResult = { ok: true; state: ReplayState } | { ok: false; message: string };

/** Replays the files for a command on the chosen engine, with a progress bar when a streaming replay of a large history runs on a terminal. */
export async function runReplay(files: readonly HistoryFile[], variants: readonly ReplayVariant[], run: ReplayRun, io: CliIo): Promise<ReplayResult> {
  if (run.engine === 'duckdb') return replayDuckDb(files, variants, run);
  const total = files.reduce((sum, file) => sum + file.size, 0);
  const bar = io.stderrIsTTY === true && total >= PROGRESS_MIN_BYTES ? progressBar(io.stderr, total) : undefined;
  try {
    return { ok: true, state: await replayFiles(files, variants, { examples: run.examples, onProgress: bar?.update, ...(run.onRouteChange === undefined ? {} : { onRouteChange: run.onRouteChange }) }) };
  } finally {
    bar?.done();
  }
}

async function replayDuckDb(files: readonly HistoryFile[], variants: readonly ReplayVariant[], run: ReplayRun): Promise<ReplayResult> {
  try {
    return { ok: true, state: await withDuckDb({}, (connection) => replayOnDuckDb(connection, files, variants, run)) };
  } catch (error) {
    if (error instanceof SqlRefusalError) {
      const lines = error.diagnostics.map((diagnostic) => `  ${diagnostic.path}: ${diagnostic.message}`);
      return { ok: false, message: `error: policy '${error.policy}' uses what its SQL cannot reproduce exactly, so DuckDB cannot replay it; run without --engine duckdb:\n${lines.join('\n')}` };
    }
    if (error instanceof HistoryFormatError) return { ok: false, message: `error: ${error.message}` };
    // DuckDB's own errors (a file it cannot read, text that is not UTF-8) name the file; nothing was replayed.
    return { ok: false, message: `error: DuckDB could not replay the history: ${error instanceof Error ? error.message : String(error)}; run without --engine duckdb to replay it line by line` };
  }
}

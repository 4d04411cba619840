import type { LogEntry } from '../log/log-entry.js';

/**
 * Where a gate keeps its log. The gate's state is rebuilt from `read()`, so a
 * store is the whole truth: a JSON Lines file for one process, a shared
 * database for several replicas. `append` resolves only once the entries are
 * durable, in order; a store that cannot append must reject, never drop.
 */
export interface DecisionStore {
  /** Every entry in log order. */
  read(): AsyncIterable<LogEntry>;
  append(entries: readonly LogEntry[]): Promise<void>;
  close(): Promise<void>;
}

/** A store in memory: for tests and for trying the loop out. A copy is kept, as a store on disk would. */
export class MemoryDecisionStore implements DecisionStore {
  readonly lines: string[] = [];

  async *read(): AsyncIterable<LogEntry> {
    for (const line of [...this.lines]) yield JSON.parse(line) as LogEntry;
    await Promise.resolve();
  }

  append(entries: readonly LogEntry[]): Promise<void> {
    for (const entry of entries) this.lines.push(JSON.stringify(entry));
    return Promise.resolve();
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

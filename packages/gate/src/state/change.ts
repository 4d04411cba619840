// One command's changes to the gate's state: each entry is applied as it is
// added, so the next step of the same command sees it (an expiry the clock
// owed, then the answer that follows it), and the entries are kept to be
// made durable together.
import type { LogEntry } from '../log/log-entry.js';
import type { Proposal } from '../types.js';
import { applyEntry, emptyState, type GateState } from './gate-state.js';

export class Change {
  readonly entries: LogEntry[] = [];

  constructor(readonly state: GateState) {}

  /** A change over a decision's entries alone, as a shared store hands them over under its lock. */
  static over(entries: readonly LogEntry[]): Change {
    const state = emptyState();
    for (const entry of entries) applyEntry(state, entry);
    return new Change(state);
  }

  proposal(id: string): Proposal | undefined {
    return this.state.proposals.get(id);
  }

  add(...entries: LogEntry[]): void {
    for (const entry of entries) {
      applyEntry(this.state, entry);
      this.entries.push(entry);
    }
  }
}

// A shared store in memory, for tests of what several gates on one store do:
// the same contract as a database store (a lock per decision, sweeps that skip
// what another gate holds, one proposal per decisionKey), none of the I/O.
import type { LogEntry } from '../log/log-entry.js';
import { MemoryDecisionStore } from './decision-store.js';
import { summarizeDecision, type DecisionSummary } from './decision-summary.js';
import { DuplicateDecisionKeyError, type SharedDecisionStore, type StoreChange } from './shared-decision-store.js';

export class MemorySharedDecisionStore extends MemoryDecisionStore implements SharedDecisionStore {
  readonly shared = true as const;
  /** The tail of each decision's lock queue. */
  private readonly locks = new Map<string, Promise<void>>();

  override async append(entries: readonly LogEntry[]): Promise<void> {
    await Promise.resolve();
    this.appendNow(entries);
  }

  entriesOf(id: string): Promise<LogEntry[]> {
    return Promise.resolve(this.entries().filter((entry) => entry.decisionId === id));
  }

  async update<T>(id: string, work: (entries: readonly LogEntry[]) => StoreChange<T>): Promise<T> {
    const release = await this.lock(id);
    try {
      const { append, result } = work(await this.entriesOf(id));
      this.appendNow(append);
      return result;
    } finally {
      release();
    }
  }

  openEntries(filter: { reviewers?: readonly string[]; deadlineBy?: Date } = {}): Promise<LogEntry[][]> {
    const open = this.summaries().filter(
      (summary) =>
        summary.open &&
        (filter.reviewers === undefined || (summary.reviewer !== undefined && filter.reviewers.includes(summary.reviewer))) &&
        (filter.deadlineBy === undefined || (summary.deadline !== undefined && Date.parse(summary.deadline) <= filter.deadlineBy.getTime())),
    );
    return Promise.resolve(open.map((summary) => this.entries().filter((entry) => entry.decisionId === summary.id)));
  }

  async sweepDue(now: Date, work: (entries: readonly LogEntry[]) => readonly LogEntry[], limit = 100): Promise<LogEntry[]> {
    // Skip locked: a decision another gate holds is left to it.
    const due = this.summaries()
      .filter((summary) => summary.open && summary.deadline !== undefined && Date.parse(summary.deadline) <= now.getTime() && !this.locks.has(summary.id))
      .slice(0, limit);
    const releases = await Promise.all(due.map((summary) => this.lock(summary.id)));
    try {
      const appended: LogEntry[] = [];
      for (const summary of due) appended.push(...work(await this.entriesOf(summary.id)));
      this.appendNow(appended);
      return appended;
    } finally {
      for (const release of releases) release();
    }
  }

  idForKey(policy: string, decisionKey: string): Promise<string | undefined> {
    return Promise.resolve(this.summaries().find((summary) => summary.policy === policy && summary.decisionKey === decisionKey)?.id);
  }

  private appendNow(entries: readonly LogEntry[]): void {
    const taken = this.summaries();
    for (const entry of entries) {
      const summary = summarizeDecision([entry]);
      if (summary?.decisionKey === undefined) continue;
      if (taken.some((other) => other.id !== summary.id && other.policy === summary.policy && other.decisionKey === summary.decisionKey)) {
        throw new DuplicateDecisionKeyError(summary.policy, summary.decisionKey);
      }
    }
    for (const entry of entries) this.lines.push(JSON.stringify(entry));
  }

  private entries(): LogEntry[] {
    return this.lines.map((line) => JSON.parse(line) as LogEntry);
  }

  private summaries(): DecisionSummary[] {
    const byId = new Map<string, LogEntry[]>();
    for (const entry of this.entries()) byId.set(entry.decisionId, [...(byId.get(entry.decisionId) ?? []), entry]);
    return [...byId.values()].map((entries) => summarizeDecision(entries)).filter((summary) => summary !== undefined);
  }

  private async lock(id: string): Promise<() => void> {
    const before = this.locks.get(id) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    const tail = before.then(() => mine);
    this.locks.set(id, tail);
    await before;
    return () => {
      release();
      if (this.locks.get(id) === tail) this.locks.delete(id);
    };
  }
}

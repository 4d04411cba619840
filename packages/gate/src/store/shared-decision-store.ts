// A store that several gates (replicas behind a load balancer) write at once.
// A gate on such a store keeps no state of its own between calls: each change
// to a decision reads that decision's entries under a lock held by the store
// (a row lock in a database), so two replicas answering one proposal get one
// success and one refusal, never two executions.
import type { LogEntry } from '../log/log-entry.js';
import type { DecisionStore } from './decision-store.js';

/** What a change under the lock appends, and what the caller gets back once it is durable. */
export interface StoreChange<T> {
  append: readonly LogEntry[];
  result: T;
}

export interface SharedDecisionStore extends DecisionStore {
  readonly shared: true;
  /** Every entry of one decision, in log order; empty when there is none. */
  entriesOf(id: string): Promise<LogEntry[]>;
  /**
   * One transaction: locks decision `id` (waiting while another gate holds it),
   * hands `work` the decision's entries, appends what it returns (entries of
   * `id`, and of a new decision it makes), and resolves with `result` once
   * durable. When `work` throws, nothing is appended and the error rejects.
   */
  update<T>(id: string, work: (entries: readonly LogEntry[]) => StoreChange<T>): Promise<T>;
  /**
   * The entries of each open decision, oldest first; with `reviewers`, only
   * those now waiting on one of those roles; with `deadlineBy`, only those
   * whose deadline is at or before it (the due-soon sweep's window).
   */
  openEntries(filter?: { reviewers?: readonly string[]; deadlineBy?: Date }): Promise<LogEntry[][]>;
  /**
   * One transaction: locks up to `limit` open decisions whose deadline is at or
   * before `now` that no other gate holds (SKIP LOCKED), hands each one's
   * entries to `work`, and appends what it returns. Resolves with every entry appended.
   */
  sweepDue(now: Date, work: (entries: readonly LogEntry[]) => readonly LogEntry[], limit?: number): Promise<LogEntry[]>;
  /** The first (not rerouted) decision proposed under this policy's decisionKey. */
  idForKey(policy: string, decisionKey: string): Promise<string | undefined>;
}

/** A shared store refused an append: another gate already proposed this policy's decisionKey. */
export class DuplicateDecisionKeyError extends Error {
  override readonly name = 'DuplicateDecisionKeyError';
  constructor(
    readonly policy: string,
    readonly decisionKey: string,
  ) {
    super(`decisionKey '${decisionKey}' of policy ${policy} was already proposed`);
  }
}

export function isSharedStore(store: DecisionStore): store is SharedDecisionStore {
  return (store as Partial<SharedDecisionStore>).shared === true;
}

// Entries as a gate writes them: a real gate (one replica) runs on a store in
// memory that keeps each append as a batch, and the tests replay those batches
// into PostgreSQL. The policy is the shipped support-refunds example.
import { createGate, isEventLine, MemoryDecisionStore, type Gate, type LogEntry, type ProposedEvent } from '@oversight/gate';
import { supportRefunds } from 'oversight-test-fixtures';

export { refund } from 'oversight-test-fixtures';

export const REFUNDS = supportRefunds();
export const AGENT = { id: 'support-agent', kind: 'agent' };
export const LEAD = { id: 'ana@example.com', role: 'support-lead' };
export const MANAGER = { id: 'chen@example.com', role: 'support-manager' };

export class Clock {
  constructor(private time = Date.parse('2026-12-02T09:00:00Z')) {}
  now = (): Date => new Date(this.time);
  advance(minutes: number): void {
    this.time += minutes * 60_000;
  }
}

/** A store in memory that keeps each append as the gate made it: one batch a commit. */
export class RecordingStore extends MemoryDecisionStore {
  readonly batches: LogEntry[][] = [];

  override append(entries: readonly LogEntry[]): Promise<void> {
    this.batches.push(entries.map((entry) => JSON.parse(JSON.stringify(entry)) as LogEntry));
    return super.append(entries);
  }

  /** Every entry, in the order the gate wrote them. */
  entries(): LogEntry[] {
    return this.batches.flat();
  }

  /** The entries of the last append. */
  last(): LogEntry[] {
    return this.batches.at(-1) ?? [];
  }
}

/** A gate on a recording store, with ids `<prefix>-0001`, `<prefix>-0002`, … and a clock the test moves. */
export async function recordingGate(prefix = 'd', clock = new Clock()): Promise<{ gate: Gate; recorded: RecordingStore; clock: Clock }> {
  const recorded = new RecordingStore();
  let next = 0;
  const gate = await createGate({ policies: [REFUNDS], store: recorded, clock: clock.now, newId: () => `${prefix}-${String(++next).padStart(4, '0')}` });
  return { gate, recorded, clock };
}

/** The proposal line among `entries`. */
export function proposalIn(entries: readonly LogEntry[]): ProposedEvent {
  const found = entries.find((entry): entry is ProposedEvent => isEventLine(entry) && entry.event === 'proposed');
  if (!found) throw new Error('fixture: no proposed line');
  return found;
}

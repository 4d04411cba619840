// What the proxies over one gate share in memory: the calls they hold, the
// held calls that ran (so an approval runs its call once), and a signal that
// wakes the calls waiting for an answer.
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { Gate } from '@oversight/gate';
import type { ToolCall } from './types.js';

export class HeldCalls {
  /** The call as the client sent it, by the proposal that holds it. */
  readonly calls = new Map<string, ToolCall>();
  /** Held calls that ran or are running, by the proposal that approved them: its result, once. */
  readonly runs = new Map<string, Promise<CallToolResult>>();
  private readonly sleepers = new Set<() => void>();

  /** Wakes every call waiting for an answer: one has arrived. */
  wake(): void {
    for (const wake of [...this.sleepers]) wake();
  }

  /** Resolves after `ms`, on `wake`, or when `signal` aborts, whichever is first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.sleepers.delete(done);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, ms));
      this.sleepers.add(done);
      if (signal?.aborted) done();
      else signal?.addEventListener('abort', done, { once: true });
    });
  }
}

const byGate = new WeakMap<Gate, HeldCalls>();

/** The one registry of a gate, shared by every proxy over it (one a connection or session). */
export function heldCallsOf(gate: Gate): HeldCalls {
  let held = byGate.get(gate);
  if (!held) {
    held = new HeldCalls();
    byGate.set(gate, held);
  }
  return held;
}

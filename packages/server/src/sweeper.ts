// Applies deadlines on a timer: reviews past their SLA take the policy's
// onTimeout, and due-soon warnings go out. A sweep that fails is logged and
// the next one runs; a sweep never overlaps another, and never keeps the process alive.
import type { Gate, ProposalView } from '@oversight/gate';
import type { ServerLog } from './server-log.js';

export interface Sweeper {
  /** Stops the timer and waits for a sweep under way. */
  stop(): Promise<void>;
}

/** Sweeps every `intervalMs`; `onExpired` hears of each review whose deadline passed. */
export function startSweeper(gate: Gate, intervalMs: number, onExpired: (views: ProposalView[]) => void, log: ServerLog): Sweeper {
  let running: Promise<void> | undefined;
  const sweep = async (): Promise<void> => {
    try {
      onExpired(await gate.expireDue());
      await gate.warnDueSoon();
    } catch (error) {
      log.error('the deadline sweep failed; it runs again at the next interval', error);
    }
  };
  const timer = setInterval(() => {
    running ??= sweep().finally(() => (running = undefined));
  }, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}

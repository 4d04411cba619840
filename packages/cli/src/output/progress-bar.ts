import type { Writable } from 'node:stream';

const WIDTH = 30;
/** Histories smaller than this replay in about a second: no bar. */
export const PROGRESS_MIN_BYTES = 16 << 20;

/**
 * A one-line progress bar on stderr, redrawn at most every 100 ms; `done`
 * clears it so only the report remains. For terminals only: the caller
 * decides that stderr is one.
 */
export function progressBar(stream: Writable, total: number, now: () => number = Date.now): { update: (read: number) => void; done: () => void } {
  let last = 0;
  return {
    update(read) {
      const time = now();
      if (time - last < 100) return;
      last = time;
      const share = Math.min(1, read / total);
      const filled = Math.round(share * WIDTH);
      stream.write(`\r[${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${(share * 100).toFixed(0).padStart(3)}% of ${(total / (1 << 20)).toFixed(0)} MB`);
    },
    done() {
      if (last > 0) stream.write(`\r${' '.repeat(WIDTH + 24)}\r`);
    },
  };
}

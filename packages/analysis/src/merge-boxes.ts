// Fewer, larger boxes for the same set: two boxes that differ in one
// dimension alone are one box holding both sets of cells there. Repeated
// over every dimension until nothing merges.
import type { Box } from './decide-box.js';

export function mergeBoxes(boxes: readonly Box[]): Box[] {
  let current = [...boxes];
  const dimensions = current[0]?.length ?? 0;
  for (let changed = true; changed; ) {
    changed = false;
    for (let d = 0; d < dimensions; d++) {
      const byRest = new Map<string, bigint[]>();
      for (const box of current) {
        const key = box.map((cells, i) => (i === d ? '' : cells.toString(36))).join(',');
        const known = byRest.get(key);
        if (known === undefined) byRest.set(key, [...box]);
        else known[d]! |= box[d]!;
      }
      if (byRest.size < current.length) changed = true;
      current = [...byRest.values()];
    }
  }
  return current;
}

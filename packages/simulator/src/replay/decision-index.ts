import type { LineRef } from '../types.js';
import type { ReplayState } from './replay-state.js';
import { FirstReads } from './first-reads.js';
import { compareEntries, compareWithEntry, findEntry, idAt, type IdTableData } from './id-table.js';

/** A range's decisionIds as its replay sent them, and where its lines start in its source. */
interface Range {
  source: string;
  offset: number;
  lines: number;
  ids: IdTableData;
}

/**
 * Finds the duplicate decisionIds between byte ranges replayed apart (by
 * `--jobs` workers). Each range's replay already counts a decision once within
 * the range; here the ranges' ids are claimed in history order, so an id a
 * range shares with an earlier one is found, and that range is replayed again
 * with those ids as `seen`. The first line of every decision counts, exactly
 * as in one pass, whatever order the ranges finished in.
 *
 * A history written in order of its ids gives ranges whose ids are sorted and
 * all after those of the ranges before: they cannot share one, and are kept
 * as they came, without a lookup or a copy. The first range that is not
 * turns them all into one table of first reads.
 */
export class DecisionIndex {
  private inOrder: Range[] | undefined = [];
  private lastIds: IdTableData | undefined;
  private reads: FirstReads | undefined;
  private readsSource: string | undefined;
  private source: string | undefined;
  // Lines of the current source in the ranges claimed so far.
  private offset = 0;

  /**
   * Claims the next range in history order: its `Replay.decisionLines()` and
   * its line count. Returns the ids an earlier range read first (usually
   * none); the range's counts hold only when it is replayed again with them.
   */
  claim(source: string, decisionLines: IdTableData, lines: number): string[] {
    if (source !== this.source) {
      this.source = source;
      this.offset = 0;
    }
    const range: Range = { source, offset: this.offset, lines, ids: decisionLines };
    this.offset += lines;
    if (this.inOrder !== undefined) {
      const last = this.lastIds;
      const count = decisionLines.values.length;
      if (count === 0 || (decisionLines.sorted && (last === undefined || compareEntries(last, last.values.length - 1, decisionLines, 0) < 0))) {
        this.inOrder.push(range);
        if (count > 0) this.lastIds = decisionLines;
        return [];
      }
      const earlier = this.inOrder;
      this.inOrder = undefined;
      this.reads = new FirstReads();
      for (const before of earlier) this.read(before);
    }
    return this.read(range).map((entry) => idAt(decisionLines, entry));
  }

  /** Points each duplicate listed in the merged state at the first line of its decision, in the whole history. */
  resolve(state: ReplayState): void {
    for (const duplicate of state.duplicates.examples) duplicate.first = this.firstLineOf(duplicate.decisionId) ?? duplicate.first;
  }

  private read(range: Range): number[] {
    const reads = this.reads!;
    if (range.source !== this.readsSource) {
      reads.startSource(range.source);
      this.readsSource = range.source;
    }
    return reads.readData(range.ids, range.offset, range.lines);
  }

  private firstLineOf(id: string): LineRef | undefined {
    if (this.reads !== undefined) return this.reads.firstLineOf(id);
    // Ranges in order hold ids in order: only the first whose last id is not below `id` may hold it.
    const ranges = this.inOrder!.filter((range) => range.ids.values.length > 0);
    let low = 0;
    let high = ranges.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const ids = ranges[middle]!.ids;
      if (compareWithEntry(id, ids, ids.values.length - 1) <= 0) high = middle;
      else low = middle + 1;
    }
    const range = ranges[low];
    const entry = range === undefined ? -1 : findEntry(range.ids, id);
    return entry < 0 ? undefined : { source: range!.source, line: range!.offset + range!.ids.values[entry]! };
  }
}

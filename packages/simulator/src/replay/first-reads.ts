import type { LineRef } from '../types.js';
import { IdTable, type IdTableData } from './id-table.js';

/**
 * Where each decisionId was first read, so that a later line with the same id
 * is known for a duplicate and counted once. A line's place is one number, its
 * position: its line number counted on through every source read so far.
 */
export class FirstReads {
  private readonly table = new IdTable();
  private readonly starts: { source: string; base: number }[] = [];
  // The position of line 0 of the current source, and the highest position read so far.
  private base = 0;
  private end = 0;

  /** Lines from here on are numbered from 1 in `source`. */
  startSource(source: string): void {
    this.base = this.end;
    this.starts.push({ source, base: this.base });
  }

  /** Notes that `line` of the current source holds `id`. Returns -1 the first time, and after that the position of its first line. */
  read(id: string, line: number): number {
    const position = this.base + line;
    if (position > this.end) this.end = position;
    return this.table.claim(id, position);
  }

  /**
   * As `read`, for every id of another replay's `data()` (of one source, its
   * lines counted from `offset` in this one): the entries read before.
   */
  readData(data: IdTableData, offset: number, lines: number): number[] {
    const present = this.table.claimData(data, this.base + offset);
    this.end = Math.max(this.end, this.base + offset + lines);
    return present;
  }

  /** Ids read before the first source (by the ranges before this one): position 0, before any line. */
  readBefore(ids: Iterable<string>): void {
    for (const id of ids) this.table.claim(id, 0);
  }

  /** Every id read, with the position of its first line (in a replay of one source, its line). */
  data(): IdTableData {
    return this.table.toData();
  }

  /** Where an id was first read; undefined for an id never read. */
  firstLineOf(id: string): LineRef | undefined {
    const position = this.table.get(id);
    return position === -1 ? undefined : this.lineAt(position);
  }

  /** The source and line of a position; line 0 of the first source for an id read before it. */
  lineAt(position: number): LineRef {
    // Sources are few against lines, and this runs only for the duplicates listed.
    for (let i = this.starts.length - 1; i >= 0; i--) {
      const start = this.starts[i]!;
      if (start.base < position) return { source: start.source, line: position - start.base };
    }
    return { source: this.starts[0]?.source ?? '', line: 0 };
  }
}

import type { LineRef } from '../types.js';
import { IdTable } from './id-table.js';

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

  /** The source and line of a position `read` returned. */
  lineAt(position: number): LineRef {
    // Sources are few against lines, and this runs only for the duplicates listed.
    for (let i = this.starts.length - 1; i >= 0; i--) {
      const start = this.starts[i]!;
      if (start.base < position) return { source: start.source, line: position - start.base };
    }
    return { source: this.starts[0]?.source ?? '', line: 0 };
  }
}

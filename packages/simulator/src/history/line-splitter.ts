/** A history line longer than this is not a decision record: it is reported, not held in memory. */
export const MAX_LINE_LENGTH = 1 << 20;

/**
 * Splits a stream of text chunks into lines, numbered from 1, without copying
 * more than a partial line between chunks. Lines end at '\n'; a '\r' before
 * it is dropped; a final line without '\n' still counts. A line longer than
 * `maxLength` (a file with no newlines, a binary file) goes to `onTooLong`
 * and is skipped as it streams, so memory stays bounded.
 */
export class LineSplitter {
  private carry = '';
  /** Characters of the current line seen so far, while it is being skipped; -1 otherwise. */
  private skipped = -1;
  private next = 1;

  constructor(
    private readonly onLine: (text: string, line: number) => void,
    private readonly onTooLong: (line: number, length: number) => void = () => undefined,
    private readonly maxLength = MAX_LINE_LENGTH,
  ) {}

  push(chunk: string): void {
    let start = 0;
    let end = chunk.indexOf('\n');
    if (end < 0) {
      this.hold(chunk);
      return;
    }
    if (this.carry !== '' || this.skipped >= 0) {
      this.finish(chunk.slice(0, end));
      start = end + 1;
      end = chunk.indexOf('\n', start);
    }
    while (end >= 0) {
      if (end - start > this.maxLength) this.tooLong(end - start);
      else this.emit(chunk.slice(start, end));
      start = end + 1;
      end = chunk.indexOf('\n', start);
    }
    this.hold(chunk.slice(start));
  }

  /** Flushes a last line that has no newline. */
  end(): void {
    if (this.carry !== '' || this.skipped >= 0) this.finish('');
  }

  /** Lines seen so far, blank ones included. */
  get lines(): number {
    return this.next - 1;
  }

  // Keeps the start of a line that continues in the next chunk, unless it is already too long.
  private hold(text: string): void {
    if (this.skipped >= 0) {
      this.skipped += text.length;
    } else if (this.carry.length + text.length > this.maxLength) {
      this.skipped = this.carry.length + text.length;
      this.carry = '';
    } else {
      this.carry += text;
    }
  }

  // Ends the held line with `rest`, the part of it before the newline.
  private finish(rest: string): void {
    if (this.skipped >= 0) {
      const length = this.skipped + rest.length;
      this.skipped = -1;
      this.tooLong(length);
    } else {
      const text = this.carry + rest;
      this.carry = '';
      if (text.length > this.maxLength) this.tooLong(text.length);
      else this.emit(text);
    }
  }

  private tooLong(length: number): void {
    this.onTooLong(this.next++, length);
  }

  private emit(text: string): void {
    const line = this.next++;
    this.onLine(text.endsWith('\r') ? text.slice(0, -1) : text, line);
  }
}

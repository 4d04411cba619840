/**
 * Splits a stream of text chunks into lines, numbered from 1, without copying
 * more than a partial line between chunks. Lines end at '\n'; a '\r' before
 * it is dropped; a final line without '\n' still counts.
 */
export class LineSplitter {
  private carry = '';
  private next = 1;

  constructor(private readonly onLine: (text: string, line: number) => void) {}

  push(chunk: string): void {
    let start = 0;
    let end = chunk.indexOf('\n');
    if (end < 0) {
      this.carry += chunk;
      return;
    }
    if (this.carry !== '') {
      this.emit(this.carry + chunk.slice(0, end));
      this.carry = '';
      start = end + 1;
      end = chunk.indexOf('\n', start);
    }
    while (end >= 0) {
      this.emit(chunk.slice(start, end));
      start = end + 1;
      end = chunk.indexOf('\n', start);
    }
    this.carry = chunk.slice(start);
  }

  /** Flushes a last line that has no newline. */
  end(): void {
    if (this.carry !== '') this.emit(this.carry);
    this.carry = '';
  }

  /** Lines seen so far, blank ones included. */
  get lines(): number {
    return this.next - 1;
  }

  private emit(text: string): void {
    const line = this.next++;
    this.onLine(text.endsWith('\r') ? text.slice(0, -1) : text, line);
  }
}

/** Splits a text stream into lines, and notes whether the last one lacked its newline (a torn write). */
export class LineReader {
  torn = false;
  constructor(private readonly stream: AsyncIterable<string>) {}

  async *lines(): AsyncIterable<string> {
    let rest = '';
    for await (const chunk of this.stream) {
      const parts = (rest + chunk).split('\n');
      rest = parts.pop()!;
      for (const part of parts) yield part.endsWith('\r') ? part.slice(0, -1) : part;
    }
    if (rest !== '') {
      this.torn = true;
      yield rest;
    }
  }
}

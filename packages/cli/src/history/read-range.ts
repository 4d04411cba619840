import { isAscii } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import type { Replay } from '@oversight/simulator/internal';

const CHUNK = 1 << 20;
const NEWLINE = 0x0a;

/**
 * Streams the lines of `path` whose first byte lies in [start, end) into the
 * replay, numbered from 1 within the range, and returns how many lines that
 * was. Ranges that tile a file give every line to exactly one range.
 */
export async function replayRange(replay: Replay, path: string, start: number, end: number, onBytes?: (bytes: number) => void): Promise<number> {
  const from = await lineStartAtOrAfter(path, start);
  const to = await lineStartAtOrAfter(path, end);
  const splitter = replay.lineSplitter();
  if (from < to) {
    const decoder = new StringDecoder('utf8');
    // Set when a chunk ends inside what may be a multi-byte character the decoder holds.
    let openCharacter = false;
    for await (const chunk of createReadStream(path, { start: from, end: to - 1, highWaterMark: CHUNK }) as AsyncIterable<Buffer>) {
      // Most histories are ASCII: latin1 makes the same string without UTF-8 decoding, a
      // sixth of the time of reading and parsing. Any other chunk goes through the decoder.
      if (!openCharacter && isAscii(chunk)) {
        splitter.push(chunk.toString('latin1'));
      } else {
        splitter.push(decoder.write(chunk));
        openCharacter = chunk.subarray(-3).some((byte) => byte >= 0x80);
      }
      onBytes?.(chunk.length);
    }
    splitter.push(decoder.end());
  }
  splitter.end();
  return splitter.lines;
}

/** The offset of the first line that starts at or after `offset` (the file's size if none does). */
async function lineStartAtOrAfter(path: string, offset: number): Promise<number> {
  if (offset <= 0) return 0;
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    if (offset >= size) return size;
    const buffer = Buffer.allocUnsafe(64 * 1024);
    // A line starts at `offset` when the byte before it ends a line.
    for (let at = offset - 1; at < size; at += buffer.length) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, at);
      const newline = buffer.subarray(0, bytesRead).indexOf(NEWLINE);
      if (newline >= 0) return at + newline + 1;
    }
    return size;
  } finally {
    await handle.close();
  }
}

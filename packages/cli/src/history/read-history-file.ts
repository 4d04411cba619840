import { isAscii } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

const CHUNK = 1 << 20;

/**
 * The text of a history file, in chunks of about 1 MB for a LineSplitter.
 * `onBytes` hears the size of each chunk once it is taken, for a progress bar.
 */
export async function* readHistoryFile(path: string, onBytes?: (bytes: number) => void): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  // Set when a chunk ends inside what may be a multi-byte character the decoder holds.
  let openCharacter = false;
  for await (const chunk of createReadStream(path, { highWaterMark: CHUNK }) as AsyncIterable<Buffer>) {
    // Most histories are ASCII: latin1 makes the same string without UTF-8 decoding, a
    // sixth of the time of reading and parsing. Any other chunk goes through the decoder.
    if (!openCharacter && isAscii(chunk)) {
      yield chunk.toString('latin1');
    } else {
      yield decoder.write(chunk);
      openCharacter = chunk.subarray(-3).some((byte) => byte >= 0x80);
    }
    onBytes?.(chunk.length);
  }
  const rest = decoder.end();
  if (rest !== '') yield rest;
}

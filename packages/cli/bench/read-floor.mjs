// The floor the replay is measured against: read a JSON Lines file in one
// thread with the same reader `oversight simulate` uses (1 MB UTF-8 chunks,
// split at '\n'), optionally JSON.parse each line, and nothing else.
//   node read-floor.mjs <file> read|parse|readline
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

const [file, mode] = process.argv.slice(2);
let lines = 0;
let sink = 0;
const onLine = mode === 'parse' ? (text) => { if (text !== '') sink += JSON.parse(text).facts === undefined ? 0 : 1; lines++; } : (text) => { sink += text.length; lines++; };

if (mode === 'readline') {
  for await (const text of createInterface({ input: createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 }), crlfDelay: Infinity })) onLine(text);
} else {
  let carry = '';
  for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
    let start = 0;
    let end = chunk.indexOf('\n');
    if (end >= 0 && carry !== '') {
      onLine(carry + chunk.slice(0, end));
      carry = '';
      start = end + 1;
      end = chunk.indexOf('\n', start);
    }
    while (end >= 0) {
      onLine(chunk.slice(start, end));
      start = end + 1;
      end = chunk.indexOf('\n', start);
    }
    carry += chunk.slice(start);
  }
  if (carry !== '') onLine(carry);
}
process.stdout.write(JSON.stringify({ lines, sink }) + '\n');

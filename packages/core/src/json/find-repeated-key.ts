import type { PathSegment } from '../load/source-map.js';

/** A key an object in the text names more than once, and where: the path of segments from the root to it. */
export interface RepeatedKey {
  key: string;
  path: PathSegment[];
}

export type ScanResult = { found: 'repeated-key'; repeated: RepeatedKey } | { found: 'too-deep' } | { found: 'nothing' };

// An open object (its keys so far) or array, and the key or index of the member being read.
interface Frame {
  keys: Set<string> | undefined;
  segment: string | number;
}

/**
 * Reads valid JSON text token by token and returns the first key (in text
 * order) that an object repeats, with its path. The slow, exact answer, run
 * only when the fast count in parseJson cannot rule a repeat out. Iterative,
 * and it stops past `maxDepth`, so hostile nesting costs no stack.
 */
export function findRepeatedKey(text: string, maxDepth: number): ScanResult {
  const frames: Frame[] = [];
  let expectKey = false;
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      const end = closingQuote(text, i);
      if (end < 0) break;
      const top = frames[frames.length - 1];
      if (top?.keys !== undefined && expectKey) {
        // Escapes decode before keys compare ("\u0061" and "a" are one key); the token is valid JSON, since JSON.parse accepted the text.
        const raw = text.slice(i + 1, end);
        const key = raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw;
        if (top.keys.has(key)) return { found: 'repeated-key', repeated: { key, path: [...frames.slice(0, -1).map((frame) => frame.segment), key] } };
        top.keys.add(key);
        top.segment = key;
      }
      i = end + 1;
      continue;
    }
    if (c === 0x7b || c === 0x5b) {
      if (frames.length === maxDepth) return { found: 'too-deep' };
      frames.push(c === 0x7b ? { keys: new Set(), segment: '' } : { keys: undefined, segment: 0 });
      expectKey = c === 0x7b;
    } else if (c === 0x7d || c === 0x5d) {
      frames.pop();
    } else if (c === 0x2c) {
      const top = frames[frames.length - 1]!;
      if (top.keys === undefined) top.segment = (top.segment as number) + 1;
      else expectKey = true;
    } else if (c === 0x3a) {
      expectKey = false;
    }
    // Anything else is whitespace or part of a number or literal: nothing to track.
    i++;
  }
  return { found: 'nothing' };
}

/** The index of the quote that closes the string opened at `open`: the next quote not escaped by an odd run of backslashes. */
function closingQuote(text: string, open: number): number {
  let end = text.indexOf('"', open + 1);
  while (isEscaped(text, end)) end = text.indexOf('"', end + 1);
  return end;
}

/** Whether the character at `at` follows an odd run of backslashes. */
function isEscaped(text: string, at: number): boolean {
  let before = at - 1;
  while (text.charCodeAt(before) === 0x5c) before--;
  return (at - 1 - before) % 2 === 1;
}

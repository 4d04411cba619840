import { StringDecoder } from 'node:string_decoder';
import type { Readable } from 'node:stream';
import { JSON_LIMITS, parseJson } from '@oversight/core';
import { refuseOverlongJson } from '@oversight/core/internal';
import { LineSplitter } from '@oversight/simulator/internal';

/** One non-blank input line: the facts object it holds, or why it holds none. */
export type FactsLine =
  | { line: number; ok: true; facts: Record<string, unknown> }
  | { line: number; ok: false; reason: string };

function describeJsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

/**
 * Parses one line as every entry point does (parseJson): anything but a JSON
 * object, and an object that repeats a key at any depth or passes the length
 * or depth limit, is a reason, never a throw.
 */
export function parseFactsLine(text: string, line: number): FactsLine {
  const parsed = parseJson(text);
  if (!parsed.ok) return { line, ok: false, reason: parsed.error.message };
  const value = parsed.value;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { line, ok: false, reason: `expected a JSON object of facts, got ${describeJsonType(value)}` };
  }
  return { line, ok: true, facts: value as Record<string, unknown> };
}

type RawLine = { line: number; text: string } | { line: number; length: number };

/**
 * Streams JSON Lines: one entry per non-blank line, in order, numbered by
 * physical line so a message points at the line in the file. Reads lazily, so
 * a slow consumer holds the input back instead of buffering all of it. A line
 * longer than JSON_LIMITS.maxLength is refused unread: the rest of it is
 * skipped as it streams, so a file without newlines never becomes one string.
 */
export async function* readFactsLines(input: Readable): AsyncGenerator<FactsLine> {
  let pending: RawLine[] = [];
  const splitter = new LineSplitter(
    (text, line) => pending.push({ line, text }),
    (line, length) => pending.push({ line, length }),
    // One more for the '\r' of a Windows line end, which the splitter counts and then drops; parseJson holds the limit exactly.
    JSON_LIMITS.maxLength + 1,
  );
  const decoder = new StringDecoder('utf8');
  function* drain(): Generator<FactsLine> {
    const lines = pending;
    pending = [];
    for (const raw of lines) {
      if (!('text' in raw)) {
        yield { line: raw.line, ok: false, reason: refuseOverlongJson(raw.length).error.message };
        continue;
      }
      // A byte order mark is an encoding artefact, not part of the first object.
      const text = raw.line === 1 && raw.text.charCodeAt(0) === 0xfeff ? raw.text.slice(1) : raw.text;
      if (text.trim() !== '') yield parseFactsLine(text, raw.line);
    }
  }
  for await (const chunk of input as AsyncIterable<string | Buffer>) {
    splitter.push(typeof chunk === 'string' ? chunk : decoder.write(chunk));
    yield* drain();
  }
  splitter.push(decoder.end());
  splitter.end();
  yield* drain();
}

import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

/** One non-blank input line: the facts object it holds, or why it holds none. */
export type FactsLine =
  | { line: number; ok: true; facts: Record<string, unknown> }
  | { line: number; ok: false; reason: string };

function describeJsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

/** Parses one line; anything but a JSON object is a reason, never a throw. */
export function parseFactsLine(text: string, line: number): FactsLine {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { line, ok: false, reason: `not valid JSON: ${(error as Error).message}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { line, ok: false, reason: `expected a JSON object of facts, got ${describeJsonType(value)}` };
  }
  return { line, ok: true, facts: value as Record<string, unknown> };
}

/**
 * Streams JSON Lines: one entry per non-blank line, in order, numbered by
 * physical line so a message points at the line in the file. Reads lazily, so
 * a slow consumer holds the input back instead of buffering all of it.
 */
export async function* readFactsLines(input: Readable): AsyncGenerator<FactsLine> {
  const lines = createInterface({ input, crlfDelay: Infinity });
  let line = 0;
  for await (const raw of lines) {
    line += 1;
    // A byte order mark is an encoding artefact, not part of the first object.
    const text = line === 1 ? raw.replace(/^\uFEFF/, '') : raw;
    if (text.trim() === '') continue;
    yield parseFactsLine(text, line);
  }
}

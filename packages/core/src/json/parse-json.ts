import { findRepeatedKey } from './find-repeated-key.js';
import { formatJsonPath, quoteKey } from './format-json-path.js';
import { countKeyColons } from './count-key-colons.js';

export interface JsonLimits {
  /** Characters (UTF-16 code units) in one JSON text; a longer one is refused unread. */
  maxLength: number;
  /** Levels of objects and arrays, the outermost counting as one. */
  maxDepth: number;
}

/**
 * What one JSON input (an `eval` line, a history line, a request body) may
 * be, documented in docs/security.md ("Limits"). Real facts and records are
 * a few hundred characters and three or four levels deep.
 */
export const JSON_LIMITS: Readonly<JsonLimits> = Object.freeze({ maxLength: 1 << 20, maxDepth: 64 });

/** The deepest limit a caller may set: the key count recurses once a level, and must stay far from the stack's end. */
export const MAX_DEPTH_CEILING = 1024;

export interface JsonError {
  code: 'invalid-json';
  message: string;
  /** The repeated key, when that is why the text was refused. */
  key?: string;
  /** Where the repeated key is, from the root: `facts.account.country`, `items[2].sku`. */
  path?: string;
}

export type JsonResult = { ok: true; value: unknown } | { ok: false; error: JsonError };

/**
 * Parses one JSON text as every entry point must: refused, never thrown, when
 * it is not JSON, longer than `maxLength`, nested deeper than `maxDepth`, or
 * when an object names a key twice at any depth (JSON.parse keeps the last
 * value, a check upstream may have read the first: such input is never decided).
 *
 * Fast because it does not tokenize: JSON.parse builds the value, one walk
 * counts its keys and depth, and one pass over the text counts the colons that
 * follow a quote. Every key in the text has such a colon, and a repeated key
 * leaves the value at least one key short of the text: equal counts rule a
 * repeat out. Only when they differ does an exact scan find (or clear) the
 * repeated key.
 */
export function parseJson(text: string, limits: JsonLimits = JSON_LIMITS): JsonResult {
  if (!(limits.maxDepth >= 1 && limits.maxDepth <= MAX_DEPTH_CEILING)) throw new RangeError(`maxDepth must be 1 to ${MAX_DEPTH_CEILING}, got ${limits.maxDepth}`);
  if (text.length > limits.maxLength) return refuseOverlongJson(text.length, limits);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    // V8 parses iteratively, but another engine may run out of stack on deep input: that is the depth limit too.
    if (!(error instanceof SyntaxError)) return refuse(tooDeep(limits));
    return refuse(`not valid JSON: ${error.message}`);
  }
  if (typeof value !== 'object' || value === null) return { ok: true, value };
  const keys = countKeys(value, limits.maxDepth - 1);
  if (keys < 0) return refuse(tooDeep(limits));
  // for-in also counts inherited enumerable keys: only a clean Object.prototype lets the count stand.
  if (keys === countKeyColons(text) && !hasEnumerableInherited()) return { ok: true, value };
  const scan = findRepeatedKey(text, limits.maxDepth);
  if (scan.found === 'too-deep') return refuse(tooDeep(limits));
  if (scan.found === 'nothing') return { ok: true, value };
  const { key, path } = scan.repeated;
  const where = formatJsonPath(path);
  return {
    ok: false,
    error: { code: 'invalid-json', message: `repeated key ${quoteKey(key)} at ${where}: an object may name each key once, since readers differ on which value counts`, key, path: where },
  };
}

/** The refusal of a JSON text of `length` characters, over the limit: what a reader that skips such a line unread reports. */
export function refuseOverlongJson(length: number, limits: JsonLimits = JSON_LIMITS): { ok: false; error: JsonError } {
  return refuse(`too long to read: ${length.toLocaleString('en-US')} characters, and one JSON text may hold at most ${limits.maxLength.toLocaleString('en-US')}`);
}

function refuse(message: string): { ok: false; error: JsonError } {
  return { ok: false, error: { code: 'invalid-json', message } };
}

function tooDeep(limits: JsonLimits): string {
  return `nested deeper than the limit of ${limits.maxDepth} levels of objects and arrays`;
}

/**
 * Own keys of every object in the value, or -1 past `depthLeft` more levels.
 * Recursive because that is twice as fast as a stack of our own here, and
 * safe: it never goes deeper than the depth limit, which is at most
 * MAX_DEPTH_CEILING, however deep the input. for-in, not Object.keys: it
 * allocates nothing.
 */
function countKeys(node: object, depthLeft: number): number {
  let keys = 0;
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) {
      const item: unknown = node[i];
      if (typeof item !== 'object' || item === null) continue;
      const inner = depthLeft === 0 ? -1 : countKeys(item, depthLeft - 1);
      if (inner < 0) return -1;
      keys += inner;
    }
    return keys;
  }
  for (const key in node) {
    keys++;
    const item = (node as Record<string, unknown>)[key];
    if (typeof item !== 'object' || item === null) continue;
    const inner = depthLeft === 0 ? -1 : countKeys(item, depthLeft - 1);
    if (inner < 0) return -1;
    keys += inner;
  }
  return keys;
}

function hasEnumerableInherited(): boolean {
  for (const _ in Object.prototype) return true;
  return false;
}

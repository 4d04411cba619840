import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseJson } from './parse-json.js';

// Random JSON texts, written the many ways JSON allows (whitespace anywhere
// between tokens, any character escaped or not, numbers in any form), checked
// against JSON.parse and against a reference tokenizer written here from the
// JSON grammar alone: it shares no code with parseJson.

type Node =
  | { kind: 'object'; members: [string, Node][] }
  | { kind: 'array'; items: Node[] }
  | { kind: 'string'; value: string }
  | { kind: 'raw'; text: string };

const trickyKeys = ['a', 'b', '__proto__', 'constructor', 'toString', '0', '', ':', ' :x', '"', '\\', 'a\\":', 'a":', '\\"', '\u00e9', '\u{1F600}', '\ud800', 'x y', 'a.b'];
const key = fc.oneof(fc.constantFrom(...trickyKeys), fc.string({ unit: 'binary', maxLength: 6 }), fc.string({ maxLength: 6 }));
const numberText = fc.oneof(
  fc.integer().map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => JSON.stringify(n)),
  fc.tuple(fc.integer({ min: -99, max: 99 }), fc.nat(99), fc.constantFrom('e', 'E', 'e+', 'E-', 'e-'), fc.nat(30)).map(([int, frac, e, exp]) => `${int}.${frac}${e}${exp}`),
);
const scalar: fc.Arbitrary<Node> = fc.oneof(
  fc.oneof(key, fc.string({ unit: 'binary', maxLength: 12 })).map((value) => ({ kind: 'string' as const, value })),
  numberText.map((text) => ({ kind: 'raw' as const, text })),
  fc.constantFrom('true', 'false', 'null').map((text) => ({ kind: 'raw' as const, text })),
);

/** A value under an object or array, whose keys come from `keys`: a small set makes repeats common, a large one rare. */
function jsonContainer(keys: fc.Arbitrary<string>): fc.Arbitrary<Node> {
  return fc.letrec<{ node: Node; container: Node }>((tie) => ({
    node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, { arbitrary: scalar, weight: 2 }, { arbitrary: tie('container'), weight: 3 }),
    container: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      { arbitrary: fc.array(fc.tuple(keys, tie('node')), { maxLength: 5 }).map((members) => ({ kind: 'object' as const, members })), weight: 3 },
      { arbitrary: fc.array(tie('node'), { maxLength: 4 }).map((items) => ({ kind: 'array' as const, items })), weight: 1 },
    ),
  })).container;
}

const anyKeys = fc.oneof(key, fc.string({ unit: 'binary', minLength: 1, maxLength: 12 }));
const fewKeys = fc.constantFrom('a', 'b', '__proto__', 'a\\":', '\u00e9');

/** A deterministic stream of choices from a seed, so one case renders one way. */
function chooser(seed: number): (n: number) => number {
  let state = seed >>> 0;
  return (n) => {
    state = (Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return ((state ^ (state >>> 13)) >>> 0) % n;
  };
}

const SHORT: Record<string, string> = { '"': '\\"', '\\': '\\\\', '/': '\\/', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function renderString(value: string, pick: (n: number) => number): string {
  let out = '"';
  for (const unit of value.split('')) {
    const code = unit.charCodeAt(0);
    const hex = code.toString(16).padStart(4, '0');
    const escaped = `\\u${pick(2) === 0 ? hex : hex.toUpperCase()}`;
    const mustEscape = unit === '"' || unit === '\\' || code < 0x20;
    const choice = pick(10);
    if (SHORT[unit] !== undefined && (choice < 6 || (mustEscape && choice < 9))) out += SHORT[unit];
    else if (mustEscape || choice < 2) out += escaped;
    else out += unit;
  }
  return `${out}"`;
}

function render(node: Node, pick: (n: number) => number): string {
  const ws = () => ['', '', '', ' ', '\t', '\n', '\r\n', '  '][pick(8)]!;
  switch (node.kind) {
    case 'raw':
      return node.text;
    case 'string':
      return renderString(node.value, pick);
    case 'array':
      return `[${ws()}${node.items.map((item) => `${ws()}${render(item, pick)}${ws()}`).join(',')}]`;
    case 'object':
      return `{${ws()}${node.members.map(([name, value]) => `${ws()}${renderString(name, pick)}${ws()}:${ws()}${render(value, pick)}${ws()}`).join(',')}}`;
  }
}

const textOf = (keys: fc.Arbitrary<string>) => fc.tuple(fc.oneof({ arbitrary: jsonContainer(keys), weight: 4 }, { arbitrary: scalar, weight: 1 }), fc.integer()).map(([node, seed]) => ({ node, text: render(node, chooser(seed)) }));

/** The first key an object repeats, in text order, and its path: read from the text, token by token. */
function referenceRepeat(text: string): { key: string; path: (string | number)[] } | undefined {
  let at = 0;
  let found: { key: string; path: (string | number)[] } | undefined;
  const skipSpace = () => {
    while (' \t\n\r'.includes(text[at] ?? 'x')) at++;
  };
  const readString = (): string => {
    at++;
    let out = '';
    while (at < text.length && text[at] !== '"') {
      if (text[at] === '\\') {
        const next = text[at + 1]!;
        if (next === 'u') {
          out += String.fromCharCode(parseInt(text.slice(at + 2, at + 6), 16));
          at += 6;
        } else {
          out += { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' }[next] ?? next;
          at += 2;
        }
      } else {
        out += text[at];
        at++;
      }
    }
    at++;
    return out;
  };
  const readValue = (path: (string | number)[]): void => {
    skipSpace();
    const c = text[at];
    if (c === '"') readString();
    else if (c === '{') {
      at++;
      const seen = new Set<string>();
      skipSpace();
      while (at < text.length && text[at] !== '}') {
        skipSpace();
        const name = readString();
        if (seen.has(name) && found === undefined) found = { key: name, path: [...path, name] };
        seen.add(name);
        skipSpace();
        at++; // ':'
        readValue([...path, name]);
        skipSpace();
        if (text[at] === ',') at++;
      }
      at++;
    } else if (c === '[') {
      at++;
      skipSpace();
      for (let index = 0; at < text.length && text[at] !== ']'; index++) {
        readValue([...path, index]);
        skipSpace();
        if (text[at] === ',') at++;
      }
      at++;
    } else {
      while (at < text.length && !',]} \t\n\r'.includes(text[at]!)) at++;
    }
  };
  readValue([]);
  return found;
}

function referencePath(path: (string | number)[]): string {
  return path
    .map((segment, index) => {
      if (typeof segment === 'number') return `[${segment}]`;
      if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(segment)) return index === 0 ? segment : `.${segment}`;
      return `[${JSON.stringify(segment)}]`;
    })
    .join('');
}

function checkAgainstReference(text: string): void {
  const result = parseJson(text);
  const repeat = referenceRepeat(text);
  if (repeat === undefined) {
    expect(result.ok, result.ok ? '' : result.error.message).toBe(true);
    // The value is JSON.parse's, key for key, __proto__ included.
    if (result.ok) expect(JSON.stringify(result.value)).toBe(JSON.stringify(JSON.parse(text)));
  } else {
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-json', key: repeat.key, path: referencePath(repeat.path) } });
  }
}

describe('parseJson on random JSON texts', () => {
  it('agrees with JSON.parse on every text that repeats no key, and refuses, naming the first repeated key and its path, exactly the texts where an object repeats one', () => {
    fc.assert(
      fc.property(textOf(anyKeys), ({ text }) => checkAgainstReference(text)),
      { numRuns: 1000 },
    );
  });

  it('refuses texts that repeat a key, however the key is escaped, at any depth, naming the first one', () => {
    fc.assert(
      fc.property(textOf(fewKeys), ({ text }) => checkAgainstReference(text)),
      { numRuns: 1000 },
    );
  });

  it('finds a repeat with the reference tokenizer exactly where JSON.parse keeps fewer keys than the text names', () => {
    // Guards the guard: the rendered texts are valid JSON, and the reference decodes keys as JSON.parse does.
    fc.assert(
      fc.property(textOf(fewKeys), ({ text }) => {
        const value: unknown = JSON.parse(text);
        if (referenceRepeat(text) === undefined) expect(countKeys(value)).toBe(countKeyTokens(text));
        else expect(countKeys(value)).toBeLessThan(countKeyTokens(text));
      }),
      { numRuns: 200 },
    );
  });
});

function countKeys(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + countKeys(item), 0);
  if (typeof value !== 'object' || value === null) return 0;
  return Object.keys(value).reduce((sum, name) => sum + 1 + countKeys((value as Record<string, unknown>)[name]), 0);
}

// Keys in the text: one colon outside strings each.
function countKeyTokens(text: string): number {
  let keys = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === ':') keys++;
  }
  return keys;
}

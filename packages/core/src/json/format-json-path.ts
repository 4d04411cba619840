import type { PathSegment } from '../load/source-map.js';

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
/** Characters of a key shown in a message; a key can be as long as the input. */
const SHOWN = 64;

/** `facts.account.country`, `items[2]["unit price"]`: a path into a JSON value as a person reads it. */
export function formatJsonPath(path: readonly PathSegment[]): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (segment.length <= SHOWN && IDENTIFIER.test(segment)) text += text === '' ? segment : `.${segment}`;
    else text += `[${quoteKey(segment)}]`;
  }
  return text === '' ? '(top level)' : text;
}

/** A key as JSON, shortened when long, so a message stays readable and small whatever the input. */
export function quoteKey(key: string): string {
  if (key.length <= SHOWN) return JSON.stringify(key);
  return `${JSON.stringify(key.slice(0, SHOWN))}… (${key.length.toLocaleString('en-US')} characters)`;
}

import { isMap, isPair, isScalar, isSeq, LineCounter, type Document, type Node } from 'yaml';
import type { Range } from '../types.js';

export type PathSegment = string | number;

/** Finds where a value of the parsed policy sits in its YAML text. */
export interface SourceMap {
  /** The value at `path`, or the nearest ancestor that exists. */
  valueRange(path: readonly PathSegment[]): Range;
  /** The key of the last segment of `path` (for unknown or duplicate fields). */
  keyRange(path: readonly PathSegment[]): Range;
}

/** The 1-based range of character offsets [start, end) in the text `lineCounter` read. */
export function offsetRange(lineCounter: LineCounter, start: number, end: number): Range {
  const s = lineCounter.linePos(start);
  const e = lineCounter.linePos(Math.max(start, end));
  return { start: { line: s.line, column: s.col }, end: { line: e.line, column: e.col } };
}

export function createSourceMap(doc: Document, lineCounter: LineCounter): SourceMap {
  const rangeOf = (node: Node | null | undefined): Range =>
    node?.range ? offsetRange(lineCounter, node.range[0], node.range[1]) : offsetRange(lineCounter, 0, 0);

  // Walks down the YAML tree; returns the deepest node reached and the pair whose key matched last.
  const walk = (path: readonly PathSegment[]) => {
    let node: unknown = doc.contents;
    let keyNode: Node | undefined;
    for (const segment of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment));
        if (!pair) return { node: node as Node, keyNode, complete: false };
        keyNode = pair.key as Node;
        node = pair.value ?? pair.key;
      } else if (isSeq(node) && typeof segment === 'number' && segment < node.items.length) {
        keyNode = undefined;
        node = node.items[segment];
      } else {
        return { node: node as Node, keyNode, complete: false };
      }
    }
    return { node: node as Node, keyNode, complete: true };
  };

  return {
    valueRange: (path) => rangeOf(walk(path).node),
    keyRange: (path) => {
      const found = walk(path);
      return rangeOf(found.complete && found.keyNode ? found.keyNode : found.node);
    },
  };
}

/** `spec.rules[2].route`: how a person reads a path into the policy. */
export function formatPath(path: readonly PathSegment[]): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else text += text === '' ? segment : `.${segment}`;
  }
  return text === '' ? '(top level)' : text;
}

/** Splits an ajv instancePath (`/spec/rules/2/route`) into path segments. */
export function pointerToPath(pointer: string): PathSegment[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((raw) => raw.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^(0|[1-9][0-9]*)$/.test(part) ? Number(part) : part));
}

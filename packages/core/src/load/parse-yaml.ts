import { isMap, isPair, isScalar, isSeq, Lexer, LineCounter, parseDocument, type Document, type Node } from 'yaml';

/**
 * How deep YAML may nest, in collections (flow brackets or block levels). A
 * policy's conditions nest at most 32 levels of all / any / not, two YAML
 * levels each, so 100 leaves room; far deeper flow nesting exhausts the YAML
 * parser (at about 10,000 levels it aborts the process).
 */
export const MAX_YAML_DEPTH = 100;

export type YamlParse =
  | { ok: true; doc: Document; lineCounter: LineCounter }
  | { ok: false; message: string; offset: [number, number]; lineCounter: LineCounter; code?: string };

/**
 * Parses YAML text in time linear in its length: nesting is checked before
 * the parser sees it, and repeated keys are found with one set a mapping
 * (the parser's own check compares every key with every other, which took
 * minutes on a flat mapping of a few hundred thousand keys).
 */
export function parseYaml(text: string): YamlParse {
  const lineCounter = new LineCounter();
  const tooDeep = flowTooDeep(text);
  if (tooDeep !== undefined) {
    // The parser never ran, so count the lines the diagnostic's position needs.
    lineCounter.addNewLine(0);
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineCounter.addNewLine(i + 1);
    return { ok: false, message: `collections nest more than ${MAX_YAML_DEPTH} levels deep here; a policy may nest at most ${MAX_YAML_DEPTH}`, offset: [tooDeep, tooDeep + 1], lineCounter };
  }
  const doc = parseDocument(text, { lineCounter, uniqueKeys: false, prettyErrors: false, strict: true });
  const error = doc.errors[0];
  if (error !== undefined) {
    // The composer recurses a block level at a time and reports its own stack running out.
    const message = /call stack/i.test(error.message) ? `collections nest too deep; a policy may nest at most ${MAX_YAML_DEPTH} levels` : error.message;
    return { ok: false, message, offset: [error.pos[0], error.pos[1]], lineCounter, code: error.code };
  }
  const repeated = repeatedKey(doc);
  if (repeated !== undefined) {
    return { ok: false, message: `Map keys must be unique: '${repeated.name}' is repeated in this mapping`, offset: repeated.offset, lineCounter };
  }
  return { ok: true, doc, lineCounter };
}

/** The offset where flow collections first nest deeper than allowed; only a text with that many brackets is lexed. */
function flowTooDeep(text: string): number | undefined {
  let brackets = 0;
  for (let i = text.indexOf('['); i >= 0 && brackets <= MAX_YAML_DEPTH; i = text.indexOf('[', i + 1)) brackets++;
  for (let i = text.indexOf('{'); i >= 0 && brackets <= MAX_YAML_DEPTH; i = text.indexOf('{', i + 1)) brackets++;
  if (brackets <= MAX_YAML_DEPTH) return undefined;
  // The lexer, unlike the parser, runs in constant stack; its tokens include control
  // characters that are not source text, which do not move the offset.
  let depth = 0;
  let offset = 0;
  for (const token of new Lexer().lex(text)) {
    if (token === '[' || token === '{') {
      if (++depth > MAX_YAML_DEPTH) return offset;
    } else if (token === ']' || token === '}') {
      depth--;
    }
    if (!isControlToken(token)) offset += token.length;
  }
  return undefined;
}

// yaml's lexer marks document and scalar starts with single characters below space.
function isControlToken(token: string): boolean {
  return token.length === 1 && token.charCodeAt(0) < 0x20 && token !== '\n' && token !== '\t' && token !== '\r';
}

/** The key repeated within one mapping that comes first in the text, anywhere in the document. */
function repeatedKey(doc: Document): { name: string; offset: [number, number] } | undefined {
  let first: { name: string; offset: [number, number] } | undefined;
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isMap(node)) {
      const seen = new Set<string>();
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        if (isScalar(pair.key)) {
          const name = String(pair.key.value);
          const range = (pair.key as Node).range;
          if (seen.has(name) && range && (first === undefined || range[0] < first.offset[0])) first = { name, offset: [range[0], range[1]] };
          seen.add(name);
        }
        stack.push(pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push(item);
    }
  }
  return first;
}

import type { ValidateFunction } from 'ajv';
import { MAX_POLICY_BYTES, type Diagnostic, type Range } from '@oversight/core';
import { createSourceMap, parseYaml, schemaDiagnostics, type SourceMap } from '@oversight/core/internal';

export type YamlDocument = { ok: true; data: unknown; source: SourceMap } | { ok: false; diagnostics: Diagnostic[] };

export const START: Range = { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };

/**
 * A YAML file beside a policy (cases, claims) read as the policy loader reads
 * policies (bounded nesting, repeated keys refused, aliases that multiply
 * refused) and checked against its schema; every problem is a diagnostic with
 * file, line and column, under `ruleId`. `empty` says what the file should hold.
 */
export function readYamlDocument(text: string, file: string, options: { ruleId: string; kind: string; empty: string; validate: () => ValidateFunction }): YamlDocument {
  const fail = (ruleId: string, message: string, range: Range = START): YamlDocument => ({ ok: false, diagnostics: [{ ruleId, severity: 'error', message, file, range }] });
  if (text.length > MAX_POLICY_BYTES) {
    return fail(options.ruleId, `the file is ${(text.length / 1024 / 1024).toFixed(1)} MB; a ${options.kind} may be at most 5 MB. Is this the right file?`);
  }
  if (text.includes('\u0000')) return fail(options.ruleId, 'the file holds binary data (a NUL byte), not YAML text. Is this the right file?');

  const parsed = parseYaml(text);
  const at = (start: number, end: number): Range => {
    const s = parsed.lineCounter.linePos(start);
    const e = parsed.lineCounter.linePos(Math.max(start, end));
    return { start: { line: s.line, column: s.col }, end: { line: e.line, column: e.col } };
  };
  if (!parsed.ok) {
    // yaml's messages end with their own position; ours is in the range.
    return fail('yaml-syntax', `YAML: ${parsed.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`, at(parsed.offset[0], parsed.offset[1]));
  }
  let data: unknown;
  try {
    // maxAliasCount stops alias bombs (a billion laughs) before they expand.
    data = parsed.doc.toJS({ maxAliasCount: 50 });
  } catch (error) {
    return fail('yaml-syntax', `YAML: ${(error as Error).message}; anchors and aliases may repeat a value, not multiply it`);
  }
  if (data === null || data === undefined) return fail(options.ruleId, `the file is empty; ${options.empty}`);

  const source = createSourceMap(parsed.doc, parsed.lineCounter);
  const validate = options.validate();
  if (!validate(data)) {
    const diagnostics = schemaDiagnostics(validate.errors ?? [], file, source);
    return { ok: false, diagnostics: diagnostics.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.column - b.range.start.column) };
  }
  return { ok: true, data, source };
}

/** Names that must be unique in a file (cases, claims): a diagnostic at each repeat, naming the line of the first. */
export function repeatedNames(items: readonly { name: string; range: Range }[], file: string, ruleId: string, what: string): Diagnostic[] {
  const firstLine = new Map<string, number>();
  const repeated: Diagnostic[] = [];
  for (const item of items) {
    const first = firstLine.get(item.name);
    if (first === undefined) firstLine.set(item.name, item.range.start.line);
    else repeated.push({ ruleId, severity: 'error', message: `${what} name '${item.name}' is used already on line ${first}: give each ${what} its own name`, file, range: item.range });
  }
  return repeated;
}

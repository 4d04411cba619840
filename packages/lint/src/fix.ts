import type { Position } from '@oversight/core';
import type { LintDiagnostic, TextEdit } from './rule.js';

/**
 * Applies the fixes of `diagnostics` to `text` and returns the new text.
 * Edits replace only their own range, so comments and formatting elsewhere
 * stay as written; an edit that overlaps one already taken is skipped (the
 * next run applies it).
 */
export function applyFixes(text: string, diagnostics: readonly LintDiagnostic[]): { text: string; applied: number } {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i += 1) if (text[i] === '\n') lineStarts.push(i + 1);
  const offset = (position: Position) => (lineStarts[position.line - 1] ?? text.length) + position.column - 1;
  const edits = diagnostics
    .flatMap((d) => d.fix?.edits ?? [])
    .map((edit: TextEdit) => ({ start: offset(edit.range.start), end: offset(edit.range.end), text: edit.text }))
    .sort((a, b) => a.start - b.start);
  let result = '';
  let cursor = 0;
  let applied = 0;
  for (const edit of edits) {
    if (edit.start < cursor) continue;
    result += text.slice(cursor, edit.start) + edit.text;
    cursor = edit.end;
    applied += 1;
  }
  return { text: result + text.slice(cursor), applied };
}

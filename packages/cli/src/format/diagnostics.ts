import type { Diagnostic } from '@oversight/core';
import { escapeControls } from './escape-controls.js';

/**
 * Stylish diagnostic lines, one per finding: `file:line:col  severity  message  (ruleId)`.
 * Editors and terminals turn `file:line:col` into a link to the spot.
 */
export function formatDiagnostics(diagnostics: readonly Diagnostic[]): string {
  return diagnostics
    .map((d) => `${escapeControls(d.file)}:${d.range.start.line}:${d.range.start.column}  ${d.severity}  ${escapeControls(d.message)}  (${d.ruleId})\n`)
    .join('');
}

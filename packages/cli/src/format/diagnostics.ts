import type { Diagnostic } from '@oversight/core';

/**
 * Stylish diagnostic lines, one per finding: `file:line:col  severity  message  (ruleId)`.
 * Editors and terminals turn `file:line:col` into a link to the spot.
 */
export function formatDiagnostics(diagnostics: readonly Diagnostic[]): string {
  return diagnostics
    .map((d) => `${d.file}:${d.range.start.line}:${d.range.start.column}  ${d.severity}  ${d.message}  (${d.ruleId})\n`)
    .join('');
}

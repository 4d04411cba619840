/**
 * A GitHub-flavoured markdown table. Cells are already escaped (markdownText,
 * markdownCode); figures are right-aligned from column `numbersFrom` on, and
 * text tables pass Infinity.
 */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[], numbersFrom = 1): string {
  return [`| ${header.join(' | ')} |`, `|${header.map((_, i) => (i >= numbersFrom ? '---:' : '---')).join('|')}|`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');
}

import { countSeverities, type LintFormatter } from './lint-formatter.js';
import { escapeControls } from '../escape-controls.js';

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/**
 * One line a finding, `file:line:col  severity  message  (rule-id)` as
 * `oversight eval` prints loader errors (editors and terminals link
 * `file:line:col`), then a one-line summary.
 */
export const formatStylish: LintFormatter = ({ results }) => {
  const lines = results.flatMap((result) =>
    result.diagnostics.map((d) => `${escapeControls(d.file)}:${d.range.start.line}:${d.range.start.column}  ${d.severity}  ${escapeControls(d.message)}  (${d.ruleId})`),
  );
  const { errors, warnings } = countSeverities(results);
  const files = plural(results.length, 'file');
  if (errors + warnings === 0) return `No problems in ${files}.\n`;
  const fixable = results.reduce((count, result) => count + result.diagnostics.filter((d) => d.fix !== undefined).length, 0);
  const summary = `${plural(errors + warnings, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')}) in ${files}.`;
  return [...lines, '', summary + (fixable > 0 ? ` ${fixable} fixable with --fix.` : '')].join('\n') + '\n';
};

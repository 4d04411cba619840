import type { SweepReport } from '@oversight/simulator';
import { formatCount, formatHours, formatRate } from '../numbers.js';
import { markdownCode, markdownText } from './markdown-text.js';

/**
 * The sweep as a table a person scans: one row a point, the Pareto front
 * marked (no other point has fewer reviews and fewer automated errors), and
 * the policy's current values marked.
 */
export function formatSweepMarkdown(report: SweepReport): string {
  const names = report.vary.map((range) => range.name);
  // Threshold names and the policy's name come from the command line and the policy: escaped.
  const header = [...names.map(markdownText), 'automated', 'reviews', 'reviewer-hours', 'automated errors', 'escapes', 'saved reviews', ''];
  const rows = report.points.map((point) => [
    ...names.map((name) => String(point.thresholds[name])),
    formatCount(point.automated),
    formatCount(point.reviews),
    formatHours(point.reviewerHours),
    formatCount(point.automatedErrors),
    formatCount(point.escapes),
    formatCount(point.savedReviews),
    [point.pareto ? '◆ pareto' : '', point.current ? '← current' : ''].filter(Boolean).join(' '),
  ]);
  const { policy, history, fidelity } = report;
  return [
    `## Oversight sweep: ${markdownCode(policy.name)} v${policy.version}, ${report.points.length} points`,
    '',
    `Replayed ${formatCount(history.replayed)} records once for every point; the policy as written reproduces ${formatRate(fidelity.rate)} of recorded routes.` +
      (history.invalid.count > 0 ? ` ${formatCount(history.invalid.count)} line(s) could not be read.` : '') +
      (history.duplicates.count > 0 ? ` ${formatCount(history.duplicates.count)} line(s) repeat an earlier decisionId, counted once.` : ''),
    'Automated errors: records a person rejected or corrected, or that failed later, that the point runs alone. Escapes: those among records the current policy sends to a person. ◆ marks the Pareto front of reviews against automated errors.',
    '',
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---:').join('|')}|`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
    '',
  ].join('\n');
}

import type { SuggestionReport } from '@oversight/simulator';
import { formatCount, formatHours, formatRate, formatRateInterval } from '../numbers.js';
import { markdownTable } from './markdown-table.js';
import { markdownCode as code, markdownText as text } from './markdown-text.js';

/**
 * The suggestions as a ticket or a pull request reads them: each move with the
 * records it rests on and what it saves or costs, then the moves refused and
 * why, then what was found for every threshold. Names from the policy and the
 * history are escaped.
 */
export function formatSuggestionsMarkdown(report: SuggestionReport): string {
  const { policy, history, budget } = report;
  const out: string[] = [`## Oversight suggestions: ${code(policy.name)} v${policy.version}`, ''];
  out.push(
    `Replayed ${formatCount(history.replayed)} records (the policy as written reproduces ${formatRate(history.fidelity.rate)} of their routes); ` +
      `escape budget ${formatRate(budget.maxEscapeRate)} of replayed records at 95% confidence.`,
  );
  for (const warning of report.warnings) out.push('', `- ⚠️ ${text(warning)}`);
  out.push('', '### Suggested', '');
  if (report.suggestions.length === 0) out.push('No threshold move is supported by this history.');
  else {
    out.push(
      markdownTable(
        ['threshold', 'move', 'records changed (labelled)', 'escapes (95% upper)', 'reviews saved', 'reviewer-hours saved', 'errors caught per added review'],
        report.suggestions.map((s) => [
          code(s.threshold),
          `${s.direction} ${s.from} → ${s.to}`,
          `${formatCount(s.evidence.changed)} (${formatCount(s.evidence.changedLabelled)})`,
          `${formatCount(s.escapes.count)} (${formatRate(s.escapes.upper95)})`,
          formatCount(s.reviews.saved),
          formatHours(s.reviewerHoursSaved),
          s.caught === undefined ? '' : `${formatCount(s.caught.errors)} of ${formatCount(s.caught.addedReviews)} (${formatRateInterval(s.caught.interval)})`,
        ]),
        2,
      ),
    );
    out.push('', ...report.suggestions.map((s) => `- ${code(s.threshold)}: ${text(s.reason)}`));
  }
  if (report.refused.length > 0) {
    out.push('', '### Refused', '', ...report.refused.map((r) => `- ${code(r.threshold)} ${r.from} → ${r.to} (${r.direction}, ${r.cause}): ${text(r.reason)}`));
  }
  out.push('', '### Every threshold', '', ...report.thresholds.map((t) => `- ${code(t.threshold)} = ${t.value} (searched ${t.range.from} to ${t.range.to}${t.range.declared ? '' : ', derived'}): ${text(t.outcome)}`));
  return out.join('\n') + '\n';
}

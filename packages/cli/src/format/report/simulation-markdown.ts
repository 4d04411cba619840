import { ROUTES } from '@oversight/core';
import type { CandidateComparison, ChangedRecord, SimulationReport } from '@oversight/simulator';
import { formatCount, formatHours, formatRange, formatRate, formatRateInterval, formatSignedCount, formatSignedHours, formatSignedPercent } from '../numbers.js';

// Markdown table cells: a pipe or a newline in a reason would break the table.
const cell = (text: string | undefined): string => (text ?? '').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
// Figures right-aligned from column `numbersFrom` on; text tables pass Infinity.
const table = (header: string[], rows: string[][], numbersFrom = 1): string =>
  [`| ${header.join(' | ')} |`, `|${header.map((_, i) => (i >= numbersFrom ? '---:' : '---')).join('|')}|`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');

/**
 * The report CI posts on a pull request: the verdict first, in a line or
 * two, then the tables a reviewer of the change reads.
 */
export function formatSimulationMarkdown(report: SimulationReport): string {
  const out: string[] = [];
  const { verdict, history, fidelity } = report;
  const baseline = report.baseline.policy;
  out.push(`## Oversight simulation: ${verdict.pass ? '✅ within budget' : '❌ budget breached'}`, '');
  for (const breach of verdict.breaches) out.push(`- ❌ **${breach.budget}** (${cell(breach.candidate)}): ${cell(breach.message)}`);
  for (const warning of verdict.warnings) out.push(`- ⚠️ **${cell(warning)}**`);
  out.push(`Budgets checked: ${verdict.checked.map((budget) => `\`${budget}\``).join(', ')}.`, '');
  for (const comparison of report.comparisons) out.push(headline(comparison));
  out.push(
    '',
    `Replayed **${formatCount(history.replayed)}** records of \`${baseline.name}\` v${baseline.version} from ${history.sources.map((source) => `\`${cell(source)}\``).join(', ')}; ` +
      `the baseline (\`${cell(baseline.label)}\`) reproduces ${formatCount(fidelity.reproduced)} of ${formatCount(fidelity.of)} recorded routes (${formatRate(fidelity.rate)}).`,
  );
  const others = Object.entries(history.otherPolicies);
  if (others.length > 0) out.push(`Records of other policies, not replayed: ${others.map(([name, n]) => `${cell(name)} ${formatCount(n)}`).join(', ')}.`);
  if (history.invalid.count > 0) {
    out.push('', `### Lines that could not be read (${formatCount(history.invalid.count)})`, '');
    out.push(table(['where', 'reason'], history.invalid.examples.map((line) => [`${cell(line.source)}:${line.line}`, cell(line.reason)]), Infinity));
  }
  if (fidelity.mismatches.length > 0) {
    out.push('', `### Records the baseline does not reproduce (${formatCount(fidelity.of - fidelity.reproduced)}, first ${fidelity.mismatches.length})`, '');
    out.push(
      table(
        ['where', 'decision', 'recorded', 'replayed'],
        fidelity.mismatches.map((m) => [`${cell(m.source)}:${m.line}`, cell(m.decisionId), `${m.recorded.route} (${cell(m.recorded.rules?.join(', '))})`, `${m.replayed.route} (${cell(m.replayed.rules.join(', '))})${m.replayed.error ? ` ${m.replayed.error}` : ''}`]),
        Infinity,
      ),
    );
  }
  for (const comparison of report.comparisons) out.push('', ...candidateSection(report, comparison));
  return out.join('\n') + '\n';
}

function headline(comparison: CandidateComparison): string {
  const { reviewDelta, escapes, savedReviews } = comparison;
  const reviews = reviewDelta.reviewsPct === null ? formatSignedCount(reviewDelta.reviews) : `${formatSignedCount(reviewDelta.reviews)} (${formatSignedPercent(reviewDelta.reviewsPct)})`;
  return (
    `- **\`${cell(comparison.candidate.policy.label)}\`**: ${formatCount(comparison.routeChanges.changed)} routes change; human reviews ${reviews}, reviewer-hours ${formatSignedHours(reviewDelta.hours)}; ` +
    `**${formatCount(escapes.count)} escapes** (records a person rejected or corrected that would run alone), ${formatCount(savedReviews.count)} reviews saved.`
  );
}

function candidateSection(report: SimulationReport, comparison: CandidateComparison): string[] {
  const { candidate } = comparison;
  const baseline = report.baseline;
  const out = [`### \`${cell(candidate.policy.label)}\` against \`${cell(baseline.policy.label)}\``, ''];
  const changedThresholds = Object.entries(candidate.policy.thresholds).filter(([name, value]) => baseline.policy.thresholds[name] !== value);
  if (changedThresholds.length > 0) out.push(`Thresholds: ${changedThresholds.map(([name, value]) => `\`${name}\` ${baseline.policy.thresholds[name] ?? '—'} → ${value}`).join(', ')}`, '');

  out.push('**Routes** (rows: baseline, columns: candidate)', '');
  out.push(table(['baseline \\ candidate', ...ROUTES, 'total'], ROUTES.map((route, i) => [route, ...comparison.routeChanges.matrix[i]!.map((n, j) => (i === j ? formatCount(n) : n === 0 ? '·' : `**${formatCount(n)}**`)), formatCount(baseline.routes[route])])));

  out.push('', '**Reviewer load**', '');
  const roles = [...new Set([...baseline.reviewerLoad, ...candidate.reviewerLoad].map((load) => load.role))];
  out.push(
    table(
      ['role', 'reviews (baseline)', 'reviews (candidate)', 'hours (baseline)', 'hours (candidate)'],
      roles.map((role) => {
        const before = baseline.reviewerLoad.find((load) => load.role === role);
        const after = candidate.reviewerLoad.find((load) => load.role === role);
        return [cell(role), formatCount(before?.reviews ?? 0), formatCount(after?.reviews ?? 0), formatHours(before?.hours ?? 0), formatHours(after?.hours ?? 0)];
      }),
    ),
  );

  const { escapes, unlabeled } = comparison;
  out.push(
    '',
    '**Escapes and saved reviews**',
    '',
    `- Newly automated: ${formatCount(comparison.newlyAutomated)} records.`,
    `- Escapes: ${formatCount(escapes.count)} (${formatRate(escapes.rate)} of replayed records; ${formatRate(escapes.ofNewlyAutomated.rate)} of labelled newly automated, 95% interval ${formatRateInterval(escapes.ofNewlyAutomated.interval)}).`,
    `- Saved reviews: ${formatCount(comparison.savedReviews.count)} records a person approved unchanged.`,
  );
  if (escapes.examples.length > 0) out.push('', changedTable(escapes.examples));

  out.push(
    '',
    '**What history cannot tell**',
    '',
    `- ${formatCount(unlabeled.newlyAutomatedUnlabeled)} newly automated records have no human verdict (expired, escalated, or never reviewed); ` +
      (unlabeled.expectedErrors === null
        ? 'with no QA-sampled automatic decisions in history, their error rate is unknown.'
        : `at the QA-sampled error rate of automatic decisions (${formatRate(report.qaSample.rate)} of ${formatCount(report.qaSample.of)}, 95% interval ${formatRateInterval(report.qaSample.interval)}), expect ${formatRange(unlabeled.expectedErrors)} errors among them.`),
    `- ${formatCount(unlabeled.toHumanNeverReviewed)} records the candidate sends to a person were automatic in history and never reviewed: their outcome under review is unknown.`,
  );

  const ruleIds = Object.keys({ ...baseline.ruleHits, ...candidate.ruleHits });
  out.push('', '<details><summary>Rule hits</summary>', '', table(['rule', 'baseline', 'candidate'], ruleIds.map((id) => [`\`${cell(id)}\``, formatCount(baseline.ruleHits[id] ?? 0), formatCount(candidate.ruleHits[id] ?? 0)])), '', '</details>');
  return out;
}

function changedTable(records: readonly ChangedRecord[]): string {
  return table(
    ['where', 'decision', 'was', 'would be', 'rule', 'person', 'reason'],
    records.map((r) => [`${cell(r.source)}:${r.line}`, cell(r.decisionId), r.baselineRoute, r.candidateRoute, cell(r.rule), [r.outcome, r.downstreamError ? 'failed downstream' : undefined].filter(Boolean).join(', ') || '—', cell(r.reason)]),
    Infinity,
  );
}

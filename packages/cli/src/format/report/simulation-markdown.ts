import { ROUTES } from '@oversight/core';
import type { CandidateComparison, ChangedRecord, SimulationReport } from '@oversight/simulator';
import { formatCount, formatHours, formatRange, formatRate, formatRateInterval, formatSignedCount, formatSignedHours, formatSignedPercent } from '../numbers.js';
import { markdownTable } from './markdown-table.js';
import { markdownCode as code, markdownRegion, markdownText } from './markdown-text.js';

// Every string from the history, a policy or the command line goes through
// `text` or `code`: the report is posted on a pull request, where raw HTML in
// a reason would load, and a pipe or a line break would break a table. Routes,
// outcomes and error codes are our own vocabulary, checked when read.
const text = (value: string | undefined): string => markdownText(value ?? '');
const table = markdownTable;

/**
 * The report CI posts on a pull request: the verdict first, in a line or
 * two, then the tables a reviewer of the change reads.
 */
export function formatSimulationMarkdown(report: SimulationReport): string {
  const out: string[] = [];
  const { verdict, history, fidelity } = report;
  const baseline = report.baseline.policy;
  out.push(`## Oversight simulation: ${verdict.pass ? '✅ within budget' : '❌ budget breached'}`, '');
  for (const breach of verdict.breaches) out.push(`- ❌ **${text(breach.budget)}** (${text(breach.candidate)}): ${text(breach.message)}`);
  for (const warning of verdict.warnings) out.push(`- ⚠️ **${text(warning)}**`);
  out.push(`Budgets checked: ${verdict.checked.map(code).join(', ')}.`, '');
  for (const comparison of report.comparisons) out.push(headline(comparison));
  out.push(
    '',
    `Replayed **${formatCount(history.replayed)}** records of ${code(baseline.name)} v${baseline.version} from ${history.sources.map(code).join(', ')}; ` +
      `the baseline (${code(baseline.label)}) reproduces ${formatCount(fidelity.reproduced)} of ${formatCount(fidelity.of)} recorded routes (${formatRate(fidelity.rate)}).`,
  );
  const others = Object.entries(history.otherPolicies);
  if (others.length > 0) out.push(`Records of other policies, not replayed: ${others.map(([name, n]) => `${code(name)} ${formatCount(n)}`).join(', ')}.`);
  if (history.logEvents > 0) out.push(`Decision log events (proposals waiting, approvals, escalations, warnings), not decisions, skipped: ${formatCount(history.logEvents)}.`);
  if (history.invalid.count > 0) {
    out.push('', `### Lines that could not be read (${formatCount(history.invalid.count)})`, '');
    out.push(table(['where', 'reason'], history.invalid.examples.map((line) => [`${text(line.source)}:${line.line}`, text(line.reason)]), Infinity));
  }
  if (history.duplicates.count > 0) {
    out.push('', `### Lines that repeat a decisionId (${formatCount(history.duplicates.count)}), counted once at the first`, '');
    out.push(table(['where', 'decision', 'first read at'], history.duplicates.examples.map((line) => [`${text(line.source)}:${line.line}`, text(line.decisionId), `${text(line.first.source)}:${line.first.line}`]), Infinity));
  }
  if (fidelity.mismatches.length > 0) {
    out.push('', `### Records the baseline does not reproduce (${formatCount(fidelity.of - fidelity.reproduced)}, first ${fidelity.mismatches.length})`, '');
    out.push(
      table(
        ['where', 'decision', 'recorded', 'replayed'],
        fidelity.mismatches.map((m) => [`${text(m.source)}:${m.line}`, text(m.decisionId), `${m.recorded.route} (${text(m.recorded.rules?.join(', '))})`, `${m.replayed.route} (${text(m.replayed.rules.join(', '))})${m.replayed.error ? ` ${m.replayed.error}` : ''}`]),
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
    `- **${code(comparison.candidate.policy.label)}**: ${formatCount(comparison.routeChanges.changed)} routes change; human reviews ${reviews}, reviewer-hours ${formatSignedHours(reviewDelta.hours)}; ` +
    `**${formatCount(escapes.count)} escapes** (records a person rejected or corrected that would run alone), ${formatCount(savedReviews.count)} reviews saved.`
  );
}

function candidateSection(report: SimulationReport, comparison: CandidateComparison): string[] {
  const { candidate } = comparison;
  const baseline = report.baseline;
  const out = [`### ${code(candidate.policy.label)} against ${code(baseline.policy.label)}`, ''];
  const changedThresholds = Object.entries(candidate.policy.thresholds).filter(([name, value]) => baseline.policy.thresholds[name] !== value);
  if (changedThresholds.length > 0) out.push(`Thresholds: ${changedThresholds.map(([name, value]) => `${code(name)} ${baseline.policy.thresholds[name] ?? '—'} → ${value}`).join(', ')}`, '');

  out.push('**Routes** (rows: baseline, columns: candidate)', '');
  out.push(table(['baseline \\ candidate', ...ROUTES, 'total'], ROUTES.map((route, i) => [route, ...comparison.routeChanges.matrix[i]!.map((n, j) => (i === j ? formatCount(n) : n === 0 ? '·' : `**${formatCount(n)}**`)), formatCount(baseline.routes[route])])));

  if (comparison.regions !== undefined) out.push('', ...regionsSection(comparison));

  out.push('', '**Reviewer load**', '');
  const roles = [...new Set([...baseline.reviewerLoad, ...candidate.reviewerLoad].map((load) => load.role))];
  out.push(
    table(
      ['role', 'reviews (baseline)', 'reviews (candidate)', 'hours (baseline)', 'hours (candidate)'],
      roles.map((role) => {
        const before = baseline.reviewerLoad.find((load) => load.role === role);
        const after = candidate.reviewerLoad.find((load) => load.role === role);
        // A role's hours are null (unknown) when history records no turnaround to price them with.
        return [text(role), formatCount(before?.reviews ?? 0), formatCount(after?.reviews ?? 0), formatHours(before === undefined ? 0 : before.hours), formatHours(after === undefined ? 0 : after.hours)];
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
  out.push('', '<details><summary>Rule hits</summary>', '', table(['rule', 'baseline', 'candidate'], ruleIds.map((id) => [code(id), formatCount(baseline.ruleHits[id] ?? 0), formatCount(candidate.ruleHits[id] ?? 0)])), '', '</details>');
  return out;
}

/** Regions listed before the rest are counted: the JSON report has them all. */
const REGIONS_SHOWN = 12;

/** Where the candidate routes inputs otherwise, over every input, and the records history had there. */
function regionsSection(comparison: CandidateComparison): string[] {
  const regions = comparison.regions ?? [];
  if (regions.length === 0) return ['**Where the changes fall**: no input routes differently.'];
  const rows = regions.slice(0, REGIONS_SHOWN).map((region) => [
    `${region.from} → ${region.to}`,
    markdownRegion(region.where),
    formatCount(region.records),
    formatCount(region.rejected),
    formatCount(region.edited),
    formatCount(region.approved),
  ]);
  const more = regions.length - REGIONS_SHOWN;
  return [
    '**Where the changes fall** (every input the candidate routes otherwise, with the records history had there; `oversight diff` gives an example of each)',
    '',
    table(['baseline → candidate', 'region', 'records', 'rejected', 'edited', 'approved'], rows, Infinity),
    ...(more > 0 ? ['', `… and ${formatCount(more)} more region${more === 1 ? '' : 's'} (--format json lists them all).`] : []),
  ];
}

function changedTable(records: readonly ChangedRecord[]): string {
  return table(
    ['where', 'decision', 'was', 'would be', 'rule', 'person', 'reason'],
    records.map((r) => [`${text(r.source)}:${r.line}`, text(r.decisionId), r.baselineRoute, r.candidateRoute, text(r.rule), [r.outcome, r.downstreamError ? 'failed downstream' : undefined].filter(Boolean).join(', ') || '—', text(r.reason)]),
    Infinity,
  );
}

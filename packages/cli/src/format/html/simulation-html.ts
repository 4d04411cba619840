import type { BudgetBreach, CandidateComparison, SimulationReport, VariantSummary } from '@oversight/simulator';
import { card, figure } from './blocks.js';
import { candidateAnchor, renderCandidateSection } from './candidate-section.js';
import { formatCount, formatHours, formatRate, formatSignedCount, formatSignedHours, formatSignedPercent } from '../numbers.js';
import { historyStats, renderAlerts, renderFidelitySection, renderHistorySection } from './history-sections.js';
import { html, type HtmlValue, type SafeHtml } from './html.js';
import { renderPage } from './page.js';
import { renderPolicyRef } from './policy-ref.js';
import { dataTable } from './table.js';

// The simulator names a breach of a history-wide budget (invalid lines, fidelity) after the history, not a candidate.
const HISTORY_WIDE = '(history)';

function breachItem(breach: BudgetBreach): SafeHtml {
  const subject = breach.candidate === HISTORY_WIDE ? html`the history` : html`candidate <code>${breach.candidate}</code>`;
  return html`<li><strong>${breach.message}</strong><span class="breach-detail">${subject} · budget <code>${breach.budget}</code> · actual <strong>${breach.actual}</strong> · limit ${breach.limit}</span></li>`;
}

/** Pass or fail first, with each breached budget named. */
function verdictBanner(verdict: SimulationReport['verdict']): SafeHtml {
  const breaches = verdict.breaches;
  const text = verdict.pass
    ? 'Every candidate is within its budgets.'
    : breaches.length === 0
      ? 'The run failed.'
      : `${breaches.length} budget ${breaches.length === 1 ? 'breach' : 'breaches'}.`;
  const list = breaches.length === 0 ? html`` : html`<ul>${breaches.map(breachItem)}</ul>`;
  const checked = html`<p class="muted">Checked: ${verdict.checked.join(', ')}.</p>`;
  return html`<div class="banner ${verdict.pass ? 'pass' : 'fail'}" role="status"><div class="verdict"><span class="verdict-word">${verdict.pass ? 'PASS' : 'FAIL'}</span><span class="verdict-text">${text}</span></div>${list}${checked}</div>`;
}

function signedWithPct(delta: HtmlValue, pct: number | null): SafeHtml {
  return html`<br><span class="note">${delta} (${figure(formatSignedPercent(pct))})</span>`;
}

/** Baseline and every candidate side by side on the figures a reader decides on. */
function glanceTable(baseline: VariantSummary, comparisons: readonly CandidateComparison[], replayed: number): SafeHtml {
  const none = html`<span class="muted">—</span>`;
  const metric = (label: string, base: HtmlValue, each: (comparison: CandidateComparison) => HtmlValue) => ({
    cells: [label, base, ...comparisons.map(each)],
  });
  const rows = [
    metric('Human reviews', formatCount(baseline.reviews), (c) => html`${formatCount(c.candidate.reviews)}${signedWithPct(formatSignedCount(c.reviewDelta.reviews), c.reviewDelta.reviewsPct)}`),
    metric('Reviewer-hours', figure(formatHours(baseline.reviewerHours)), (c) => html`${figure(formatHours(c.candidate.reviewerHours))}${signedWithPct(figure(formatSignedHours(c.reviewDelta.hours)), c.reviewDelta.hoursPct)}`),
    metric('Automatic', formatCount(baseline.routes.auto), (c) => formatCount(c.candidate.routes.auto)),
    metric('Routes changed', none, (c) => html`${formatCount(c.routeChanges.changed)}<br><span class="note">${formatRate(replayed === 0 ? null : c.routeChanges.changed / replayed)} of replayed</span>`),
    metric('Newly automated', none, (c) => formatCount(c.newlyAutomated)),
    metric('Escapes', none, (c) => html`<strong class="${c.escapes.count === 0 ? '' : 'worse'}">${formatCount(c.escapes.count)}</strong><br><span class="note">${formatRate(c.escapes.rate)} of replayed</span>`),
    metric('Saved reviews', none, (c) => formatCount(c.savedReviews.count)),
    metric('Sent to a person, never reviewed', none, (c) => formatCount(c.unlabeled.toHumanNeverReviewed)),
  ];
  const columns = [
    { label: '' },
    { label: 'Baseline', numeric: true },
    ...comparisons.map((c, index) => ({ label: `Candidate ${index + 1}`, numeric: true })),
  ];
  const labels = html`<p class="note">Baseline: <code>${baseline.policy.label}</code>${comparisons.map((c, index) => html` · Candidate ${index + 1}: <a href="#${candidateAnchor(index + 1)}"><code>${c.candidate.policy.label}</code></a>`)}</p>`;
  return html`${dataTable(columns, rows, 'glance')}${labels}`;
}

/**
 * `oversight simulate --format html`: one self-contained page (inline CSS and
 * SVG, no script, nothing loaded) with the verdict first, then the history and
 * its fidelity, then each candidate against the baseline.
 */
export function formatSimulationHtml(report: SimulationReport): string {
  const { baseline, history, comparisons } = report;
  const toc = [
    html`<a href="#history">History</a>`,
    html`<a href="#fidelity">Fidelity</a>`,
    html`<a href="#baseline">Baseline</a>`,
    ...comparisons.map((comparison, index) => html`<a href="#${candidateAnchor(index + 1)}">Candidate ${index + 1}</a>`),
  ];
  const overview = card(
    'overview',
    'At a glance',
    html`${historyStats(history, report.fidelity)}${comparisons.length === 0 ? html`<p class="muted">No candidate was compared.</p>` : glanceTable(baseline, comparisons, history.replayed)}`,
  );
  const body = html`<header class="page-head">
<h1>Simulation: ${baseline.policy.name} v${baseline.policy.version}</h1>
<p class="subtitle">${formatCount(history.replayed)} records replayed from ${history.sources.length === 1 ? html`<code>${history.sources[0] ?? ''}</code>` : `${formatCount(history.sources.length)} files`} · ${formatCount(comparisons.length)} ${comparisons.length === 1 ? 'candidate' : 'candidates'}</p>
<nav class="toc">${toc}</nav>
</header>
${verdictBanner(report.verdict)}
${renderAlerts(report.fidelity, report.verdict.warnings)}
${overview}
${renderHistorySection(history)}
${renderFidelitySection(report.fidelity, history.sources)}
${card('baseline', 'Baseline', renderPolicyRef(baseline.policy))}
${comparisons.map((comparison, index) => renderCandidateSection(comparison, index + 1, { baseline, replayed: history.replayed, qaSample: report.qaSample, sources: history.sources }))}
<footer>Generated by oversight simulate · report version ${report.reportVersion} · self-contained: this page loads nothing and runs no script.</footer>`;
  return renderPage({ title: `Simulation: ${baseline.policy.name} v${baseline.policy.version} — ${report.verdict.pass ? 'pass' : 'fail'}`, body });
}

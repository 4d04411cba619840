import type { CandidateComparison, Proportion, VariantSummary } from '@oversight/simulator';
import { figure, statGrid } from './blocks.js';
import { renderChangedRecords } from './changed-records.js';
import {
  formatCount,
  formatHours,
  formatRange,
  formatRate,
  formatRateInterval,
  formatSignedCount,
  formatSignedHours,
  formatSignedPercent,
} from '../numbers.js';
import { html, type SafeHtml } from './html.js';
import { renderPolicyRef } from './policy-ref.js';
import { reviewerLoadChart, reviewerLoadTable, reviewerLoadTitle } from './reviewer-load.js';
import { renderRouteMatrix } from './route-matrix.js';
import { orderedUnion } from './ordered-union.js';
import { renderRuleHits } from './rule-hits.js';
import { svgGroupedBars } from './svg-bars.js';
import { dataTable } from './table.js';

const CHART_WIDTH = 500;

export interface CandidateContext {
  baseline: VariantSummary;
  /** Records replayed, the whole that shares of the history are of. */
  replayed: number;
  /** QA-sampled automatic decisions in history, the only labels automation has. */
  qaSample: Proportion;
  /** The history files, to name a record's line. */
  sources: readonly string[];
}

/** The in-page anchor of the n-th candidate (1-based). */
export function candidateAnchor(index: number): string {
  return `candidate-${index}`;
}

function share(count: number, of: number): string {
  return formatRate(of === 0 ? null : count / of);
}

function routeChart(comparison: CandidateComparison, baseline: VariantSummary): SafeHtml {
  const routes = comparison.routeChanges.routes;
  return svgGroupedBars({
    title: 'Records by route, baseline and candidate',
    categories: routes,
    series: [
      { name: 'baseline', values: routes.map((route) => baseline.routes[route]) },
      { name: 'candidate', values: routes.map((route) => comparison.candidate.routes[route]) },
    ],
    format: formatCount,
    width: CHART_WIDTH,
  });
}

function headline(comparison: CandidateComparison, context: CandidateContext): SafeHtml {
  const { candidate, reviewDelta, escapes } = comparison;
  const fewer = (delta: number | null): 'ok' | 'warn' | undefined => (delta === null || delta === 0 ? undefined : delta < 0 ? 'ok' : 'warn');
  return statGrid([
    {
      label: 'Human reviews',
      value: formatCount(candidate.reviews),
      detail: `${formatSignedCount(reviewDelta.reviews)} (${formatSignedPercent(reviewDelta.reviewsPct)}) vs baseline`,
      tone: fewer(reviewDelta.reviews),
    },
    {
      label: 'Reviewer-hours',
      value: figure(formatHours(candidate.reviewerHours)),
      detail: html`${figure(formatSignedHours(reviewDelta.hours))} (${figure(formatSignedPercent(reviewDelta.hoursPct))}) vs baseline`,
      tone: fewer(reviewDelta.hours),
    },
    { label: 'Newly automated', value: formatCount(comparison.newlyAutomated), detail: `${share(comparison.newlyAutomated, context.replayed)} of replayed records` },
    {
      label: 'Escapes',
      value: formatCount(escapes.count),
      detail: `${formatRate(escapes.rate)} of replayed records`,
      tone: escapes.count === 0 ? 'ok' : 'bad',
    },
    { label: 'Saved reviews', value: formatCount(comparison.savedReviews.count), detail: 'approved unchanged, now automatic' },
  ]);
}

function escapesBlock(comparison: CandidateComparison, sources: readonly string[]): SafeHtml {
  const { escapes } = comparison;
  const of = escapes.ofNewlyAutomated;
  return html`<h3>Escapes</h3><p>Records the baseline did not automate that the candidate would, and that a person rejected or edited, or that failed downstream: mistakes that would now run without anyone looking.</p>
<dl class="facts">
<dt>Escapes</dt><dd><strong>${formatCount(escapes.count)}</strong>, ${formatRate(escapes.rate)} of replayed records</dd>
<dt>Of newly automated</dt><dd>${formatCount(of.count)} of ${formatCount(of.of)} = ${figure(formatRate(of.rate))} <span class="muted">(95% interval ${figure(formatRateInterval(of.interval))})</span></dd>
</dl>${renderChangedRecords(escapes.examples, escapes.count, sources)}`;
}

function savedBlock(comparison: CandidateComparison, sources: readonly string[]): SafeHtml {
  const { savedReviews } = comparison;
  return html`<h3>Saved reviews</h3><p><strong>${formatCount(savedReviews.count)}</strong> newly automated records were approved unchanged by a person, and nothing failed later: reviews the candidate saves without, as far as history shows, letting a mistake through.</p>${renderChangedRecords(savedReviews.examples, savedReviews.count, sources)}`;
}

function unknownsBlock(comparison: CandidateComparison, qaSample: Proportion): SafeHtml {
  const { unlabeled } = comparison;
  return html`<h3>What history cannot tell</h3><p>Automatic decisions have no human verdict unless QA sampled them, so some of the candidate’s changes cannot be checked against history. These are estimates, not measurements.</p>
<dl class="facts">
<dt>Sent to a person, never reviewed</dt><dd><strong>${formatCount(unlabeled.toHumanNeverReviewed)}</strong> records the candidate sends to a person were automatic in history and never looked at: how a reviewer would have decided them is unknown.</dd>
<dt>Newly automated, no verdict</dt><dd><strong>${formatCount(unlabeled.newlyAutomatedUnlabeled)}</strong> newly automated records have no human verdict (expired, escalated, or denied before).</dd>
<dt>QA sample</dt><dd>${formatCount(qaSample.count)} of ${formatCount(qaSample.of)} QA-sampled automatic decisions were wrong: ${figure(formatRate(qaSample.rate))} <span class="muted">(95% Wilson interval ${figure(formatRateInterval(qaSample.interval))})</span></dd>
<dt>Expected errors among them</dt><dd><strong>${figure(formatRange(unlabeled.expectedErrors))}</strong> errors expected among the newly automated records without a verdict, from the QA-sampled error rate${unlabeled.expectedErrors === null ? html` <span class="muted">(history has no QA samples)</span>` : ''}.</dd>
</dl>`;
}

function errorsBlock(baseline: VariantSummary, candidate: VariantSummary): SafeHtml {
  const codes = orderedUnion(Object.keys(baseline.errors), Object.keys(candidate.errors));
  if (codes.length === 0) return html``;
  const count = (variant: VariantSummary, code: string): number => Object.entries(variant.errors).find(([key]) => key === code)?.[1] ?? 0;
  const rows = codes.map((code) => ({
    cells: [html`<code>${code}</code>`, formatCount(count(baseline, code)), formatCount(count(candidate, code))],
  }));
  return html`<h3>Decisions that took the <code>onError</code> route</h3>${dataTable([{ label: 'Error code' }, { label: 'Baseline', numeric: true }, { label: 'Candidate', numeric: true }], rows, 'narrow')}`;
}

/** Everything the report says about one candidate against the baseline. */
export function renderCandidateSection(comparison: CandidateComparison, index: number, context: CandidateContext): SafeHtml {
  const { baseline, replayed } = context;
  const changes = comparison.routeChanges;
  return html`<section class="card candidate" id="${candidateAnchor(index)}">
<h2>Candidate ${index}: <code>${comparison.candidate.policy.label}</code></h2>
${renderPolicyRef(comparison.candidate.policy, baseline.policy)}
${headline(comparison, context)}
<h3>Route changes</h3><p><strong>${formatCount(changes.changed)}</strong> records (${share(changes.changed, replayed)} of replayed) change route. Rows are the baseline’s routes, columns the candidate’s.</p>${renderRouteMatrix(changes)}
<div class="pair"><div><h3>Records by route</h3><figure class="chart">${routeChart(comparison, baseline)}<figcaption>Replayed records by route under each policy.</figcaption></figure></div>
<div><h3>${reviewerLoadTitle(baseline, comparison.candidate)}</h3>${reviewerLoadChart(baseline, comparison.candidate)}</div></div>
<h3>Reviewer load</h3>${reviewerLoadTable(baseline, comparison.candidate)}
${escapesBlock(comparison, context.sources)}
${savedBlock(comparison, context.sources)}
${unknownsBlock(comparison, context.qaSample)}
<h3>Rule matches</h3>${renderRuleHits(baseline, comparison.candidate)}
${errorsBlock(baseline, comparison.candidate)}
</section>`;
}

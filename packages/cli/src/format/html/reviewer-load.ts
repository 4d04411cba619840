import type { RoleLoad, VariantSummary } from '@oversight/simulator';
import { figure } from './blocks.js';
import { formatCount, formatHours, formatSignedCount, formatSignedHours } from '../numbers.js';
import { html, type SafeHtml } from './html.js';
import { orderedUnion } from './ordered-union.js';
import { svgGroupedBars } from './svg-bars.js';
import { dataTable } from './table.js';

/** Every role either side names, the baseline's order first. */
function roleNames(baseline: VariantSummary, candidate: VariantSummary): string[] {
  const roles = (variant: VariantSummary): string[] => variant.reviewerLoad.map((load) => load.role);
  return orderedUnion(roles(baseline), roles(candidate));
}

function loadOf(variant: VariantSummary, role: string): RoleLoad | undefined {
  return variant.reviewerLoad.find((load) => load.role === role);
}

function difference(after: number | null, before: number | null): number | null {
  return after === null || before === null ? null : after - before;
}

function byRoute(load: RoleLoad | undefined): string {
  if (load === undefined) return 'no reviews';
  return Object.entries(load.byRoute)
    .map(([route, count]) => `${route} ${formatCount(count)}`)
    .join(' · ');
}

function changeClass(delta: number | null): string {
  if (delta === null || delta === 0) return '';
  return delta < 0 ? 'good' : 'worse';
}

/** Human reviews and reviewer-hours by role, baseline against candidate, with a total row. */
export function reviewerLoadTable(baseline: VariantSummary, candidate: VariantSummary): SafeHtml {
  const rows = roleNames(baseline, candidate).map((role) => {
    const before = loadOf(baseline, role);
    const after = loadOf(candidate, role);
    const reviewDelta = (after?.reviews ?? 0) - (before?.reviews ?? 0);
    const hoursBefore = before === undefined ? 0 : before.hours;
    const hoursAfter = after === undefined ? 0 : after.hours;
    const hoursDelta = difference(hoursAfter, hoursBefore);
    return {
      cells: [
        html`<code>${role}</code>`,
        html`<span title="${byRoute(before)}">${formatCount(before?.reviews ?? 0)}</span>`,
        html`<span title="${byRoute(after)}">${formatCount(after?.reviews ?? 0)}</span>`,
        html`<span class="${changeClass(reviewDelta)}">${formatSignedCount(reviewDelta)}</span>`,
        figure(formatHours(hoursBefore)),
        figure(formatHours(hoursAfter)),
        html`<span class="${changeClass(hoursDelta)}">${figure(formatSignedHours(hoursDelta))}</span>`,
        formatCount(after?.estimatedFromMedian ?? 0),
      ],
    };
  });
  const reviewsDelta = candidate.reviews - baseline.reviews;
  const hoursDelta = difference(candidate.reviewerHours, baseline.reviewerHours);
  rows.push({
    cells: [
      'all roles',
      formatCount(baseline.reviews),
      formatCount(candidate.reviews),
      html`<span class="${changeClass(reviewsDelta)}">${formatSignedCount(reviewsDelta)}</span>`,
      figure(formatHours(baseline.reviewerHours)),
      figure(formatHours(candidate.reviewerHours)),
      html`<span class="${changeClass(hoursDelta)}">${figure(formatSignedHours(hoursDelta))}</span>`,
      formatCount(candidate.reviewerLoad.reduce((total, load) => total + load.estimatedFromMedian, 0)),
    ],
  });
  const table = dataTable(
    [
      { label: 'Role' },
      { label: 'Reviews, baseline', numeric: true },
      { label: 'Reviews, candidate', numeric: true },
      { label: 'Change', numeric: true },
      { label: 'Hours, baseline', numeric: true },
      { label: 'Hours, candidate', numeric: true },
      { label: 'Change', numeric: true },
      { label: 'Candidate hours from median', numeric: true },
    ],
    rows.map((row, index) => (index === rows.length - 1 ? { ...row, className: 'total' } : row)),
    'reviewer-load',
  );
  return html`${table}<p class="note">Hours come from recorded turnaround; the last column counts the candidate’s reviews whose hours come from the role’s median turnaround instead. “unknown”: history records no turnaround for the role. Hover a review count for its split by route.</p>`;
}

/** Whether any role has reviewer-hours; without, the chart falls back to counting reviews. */
function hoursKnown(baseline: VariantSummary, candidate: VariantSummary): boolean {
  return [...baseline.reviewerLoad, ...candidate.reviewerLoad].some((load) => load.hours !== null);
}

export function reviewerLoadTitle(baseline: VariantSummary, candidate: VariantSummary): string {
  return hoursKnown(baseline, candidate) ? 'Reviewer-hours by role' : 'Human reviews by role';
}

/** A bar chart of reviewer-hours by role (of reviews when history records no turnaround at all). */
export function reviewerLoadChart(baseline: VariantSummary, candidate: VariantSummary): SafeHtml {
  const roles = roleNames(baseline, candidate);
  const byHours = hoursKnown(baseline, candidate);
  const series = [baseline, candidate].map((variant, index) => ({
    name: index === 0 ? 'baseline' : 'candidate',
    values: roles.map((role) => {
      const load = loadOf(variant, role);
      if (load === undefined) return 0;
      return byHours ? load.hours : load.reviews;
    }),
  }));
  const chart = svgGroupedBars({
    title: `${reviewerLoadTitle(baseline, candidate)}, baseline and candidate`,
    categories: roles,
    series,
    format: byHours ? formatHours : formatCount,
    axisFormat: byHours ? (value) => `${formatCount(value)} h` : formatCount,
    width: 500,
  });
  const caption = byHours
    ? 'From recorded turnaround, else the role’s median. “unknown”: no turnaround recorded for the role.'
    : 'History records no turnaround at all, so reviewer-hours are unknown; the chart counts reviews.';
  return html`<figure class="chart">${chart}<figcaption>${caption}</figcaption></figure>`;
}

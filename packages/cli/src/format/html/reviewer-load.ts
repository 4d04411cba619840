import type { RoleLoad, VariantSummary } from '@oversight/simulator';
import { figure } from './blocks.js';
import { formatCount, formatHours, formatSignedCount, formatSignedHours } from './format-number.js';
import { html, type SafeHtml } from './html.js';
import { svgGroupedBars } from './svg-bars.js';
import { dataTable } from './table.js';

/** Every role either side names, the baseline's order first. */
function roleNames(baseline: VariantSummary, candidate: VariantSummary): string[] {
  const names = baseline.reviewerLoad.map((load) => load.role);
  for (const load of candidate.reviewerLoad) if (!names.includes(load.role)) names.push(load.role);
  return names;
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

/**
 * Human reviews and reviewer-hours by role, baseline against candidate: a
 * table, and a bar chart of hours (of reviews when no role has any hours).
 */
export function renderReviewerLoad(baseline: VariantSummary, candidate: VariantSummary): SafeHtml {
  const roles = roleNames(baseline, candidate);
  const rows = roles.map((role) => {
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
      { label: 'Candidate', numeric: true },
      { label: 'Change', numeric: true },
      { label: 'Hours, baseline', numeric: true },
      { label: 'Candidate', numeric: true },
      { label: 'Change', numeric: true },
      { label: 'Hours from median', numeric: true },
    ],
    rows.map((row, index) => (index === rows.length - 1 ? { ...row, className: 'total' } : row)),
  );

  const hoursKnown = [...baseline.reviewerLoad, ...candidate.reviewerLoad].some((load) => load.hours !== null);
  const series = [baseline, candidate].map((variant, index) => ({
    name: index === 0 ? 'baseline' : 'candidate',
    values: roles.map((role) => {
      const load = loadOf(variant, role);
      if (load === undefined) return 0;
      return hoursKnown ? load.hours : load.reviews;
    }),
  }));
  const chart = svgGroupedBars({
    title: hoursKnown ? 'Reviewer-hours by role, baseline and candidate' : 'Human reviews by role, baseline and candidate',
    categories: roles,
    series,
    format: hoursKnown ? formatHours : formatCount,
  });
  const caption = hoursKnown
    ? 'Reviewer-hours by role, from recorded turnaround (else the role’s median). “unknown”: history records no turnaround for the role.'
    : 'Human reviews by role. History records no turnaround at all, so reviewer-hours are unknown.';

  return html`${table}<p class="note">“Hours from median” counts the candidate’s reviews whose hours come from the role’s median turnaround, not from a recorded one. Hover a review count for its split by route.</p><figure class="chart">${chart}<figcaption>${caption}</figcaption></figure>`;
}

import type { Route } from '@oversight/core';
import type { GroupFigures, ReasonList, ReviewReport, RoleFigures } from '@oversight/simulator';
import { formatCount, formatRate, formatSeconds } from '../numbers.js';
import { badge, card, routeName } from './blocks.js';
import { html, type HtmlValue, type SafeHtml } from './html.js';
import { countCell, medianCell, p90Cell, rateCell, thinMark } from './review-cells.js';
import { dataTable, type Column } from './table.js';

// The tables of what reviewers did, one row a rule, role, reviewer or route:
// volume, reviews, the five outcome rates and turnaround, each figure with
// what it rests on and the few-records mark where it rests on little.

const OUTCOME_COLUMNS: readonly Column[] = [
  { label: 'Records', numeric: true },
  { label: 'Reviews', numeric: true },
  { label: 'Approved', numeric: true },
  { label: 'Rejected', numeric: true },
  { label: 'Edited', numeric: true },
  { label: 'Escalated', numeric: true },
  { label: 'Expired', numeric: true },
  { label: 'Turnaround median', numeric: true },
  { label: 'p90', numeric: true },
];

function outcomeCells(group: GroupFigures, minRecords: number): HtmlValue[] {
  const { outcomes } = group;
  return [
    countCell(group.records, group.thin, minRecords),
    formatCount(group.reviews),
    rateCell(outcomes.approved, minRecords),
    rateCell(outcomes.rejected, minRecords),
    rateCell(outcomes.edited, minRecords),
    rateCell(outcomes.escalated, minRecords),
    rateCell(outcomes.expired, minRecords),
    medianCell(group.turnaround, minRecords),
    p90Cell(group.turnaround),
  ];
}

const TABLE_NOTE = html`<p class="note">Reviews are records with an outcome: rates are of them, with the count under each (hover a rate for its 95% interval). Turnaround is over the reviews that record one (“timed”).</p>`;

function groupTable(label: string, groups: readonly GroupFigures[], minRecords: number, key: (group: GroupFigures) => HtmlValue, className: string): SafeHtml {
  const rows = groups.map((group) => ({ cells: [key(group), ...outcomeCells(group, minRecords)], className: group.records === 0 ? 'empty' : undefined }));
  return dataTable([{ label }, ...OUTCOME_COLUMNS], rows, `review-groups ${className}`);
}

export function byRuleSection(report: ReviewReport): SafeHtml {
  const ceremonial = new Set(report.ceremonial.rules.map((rule) => rule.rule));
  const key = (group: GroupFigures): SafeHtml =>
    html`<code>${group.key}</code>${ceremonial.has(group.key) ? html`<br><a href="#ceremonial">${badge('ceremonial', 'warn')}</a>` : ''}`;
  return card(
    'by-rule',
    'By rule',
    html`<p class="note">A record counts toward every rule it matched, so the rows add up to more than the records; <code>(no rule)</code> holds records that matched none.</p>${groupTable('Rule', report.byRule, report.criteria.minRecords, key, 'by-rule')}${TABLE_NOTE}`,
  );
}

function slaCell(role: RoleFigures): SafeHtml {
  if (role.slaSeconds === null) return html`<span class="muted">no SLA</span>`;
  return html`<strong>${formatSeconds(role.slaSeconds)}</strong>`;
}

function breachCell(role: RoleFigures, minRecords: number): SafeHtml {
  if (role.slaBreaches === null) return html`<span class="muted">—</span>`;
  const breaches = role.slaBreaches;
  if (breaches.of === 0) return rateCell(breaches, minRecords, 'timed reviews');
  const tone = breaches.count === 0 ? 'good' : 'worse';
  return html`<span class="${tone}">${rateCell(breaches, minRecords, 'timed reviews')}</span>`;
}

export function byRoleSection(report: ReviewReport): SafeHtml {
  const { minRecords } = report.criteria;
  const rows = report.byRole.map((role) => ({
    cells: [html`<code>${role.key}</code>`, ...outcomeCells(role, minRecords), slaCell(role), breachCell(role, minRecords)],
    className: role.records === 0 ? 'empty' : undefined,
  }));
  const table = dataTable([{ label: 'Role' }, ...OUTCOME_COLUMNS, { label: 'SLA', numeric: true }, { label: 'Over SLA', numeric: true }], rows, 'review-groups by-role');
  const note = report.policy === null ? html`<p class="note">No policy was given, so no SLA is checked.</p>` : html`<p class="note">SLA: the role’s <code>sla</code> in the policy. Over SLA: reviews whose turnaround exceeded it, of the timed ones.</p>`;
  return card('by-role', 'By role', html`${table}${TABLE_NOTE}${note}`);
}

export function byReviewerSection(report: ReviewReport): SafeHtml {
  const stamps = new Set(report.rubberStamping.reviewers.map((reviewer) => reviewer.reviewerId));
  const key = (group: GroupFigures): SafeHtml =>
    html`${group.key}${stamps.has(group.key) ? html`<br><a href="#rubber-stamping">${badge('rubber stamp?', 'warn')}</a>` : ''}`;
  const body =
    report.byReviewer.length === 0
      ? html`<p class="muted">No record names its reviewer (<code>outcome.reviewerId</code>).</p>`
      : html`${groupTable('Reviewer', report.byReviewer, report.criteria.minRecords, key, 'by-reviewer')}${TABLE_NOTE}`;
  return card('by-reviewer', 'By reviewer', body);
}

export function byRouteSection(report: ReviewReport): SafeHtml {
  const key = (group: GroupFigures): SafeHtml => routeName(group.key as Route);
  return card(
    'by-route',
    'By route',
    html`<p class="note">Reviews of <span class="route route-auto">auto</span> are QA samples of automatic decisions.</p>${groupTable('Route', report.byRoute, report.criteria.minRecords, key, 'by-route')}${TABLE_NOTE}`,
  );
}

function reasonTable(title: string, list: ReasonList, minRecords: number): SafeHtml {
  if (list.total === 0) return html`<div><h3>${title}</h3><p class="muted">None in this history.</p></div>`;
  const rows: { cells: HtmlValue[] }[] = list.top.map((reason) => ({ cells: [reason.reason, formatCount(reason.count), formatRate(reason.count / list.total)] }));
  if (list.other > 0) rows.push({ cells: [html`<span class="muted">other reasons${list.capped ? ' (too many distinct reasons to list)' : ''}</span>`, formatCount(list.other), formatRate(list.other / list.total)] });
  if (list.withoutReason > 0) rows.push({ cells: [html`<span class="unknown">no reason given</span>`, formatCount(list.withoutReason), formatRate(list.withoutReason / list.total)] });
  const thin = list.total < minRecords ? html` ${thinMark(minRecords)}` : '';
  return html`<div><h3>${title} <span class="muted">· ${formatCount(list.total)}</span>${thin}</h3>${dataTable(
    [{ label: 'Reason', className: 'reason' }, { label: 'Times', numeric: true }, { label: 'Share', numeric: true }],
    rows,
    'reasons',
  )}</div>`;
}

const RULE_REASONS = 3;

function topReasons(list: ReasonList): SafeHtml {
  if (list.total === 0) return html`<span class="muted">—</span>`;
  const shown = list.top.slice(0, RULE_REASONS);
  const rest = list.total - shown.reduce((sum, reason) => sum + reason.count, 0);
  return html`${shown.map((reason, index) => html`${index === 0 ? '' : html`<br>`}${reason.reason} <span class="note">× ${formatCount(reason.count)}</span>`)}${rest > 0 ? html`${shown.length === 0 ? '' : html`<br>`}<span class="note">${formatCount(rest)} more</span>` : ''}`;
}

/** The most frequent rejection and edit reasons overall, then the top few for each rule. */
export function reasonsSection(report: ReviewReport): SafeHtml {
  const { overall, byRule } = report.reasons;
  const { minRecords } = report.criteria;
  const rules =
    byRule.length === 0
      ? html``
      : html`<h3>By rule</h3>${dataTable(
          [{ label: 'Rule' }, { label: 'Rejected', numeric: true }, { label: 'Top rejection reasons', className: 'reason' }, { label: 'Edited', numeric: true }, { label: 'Top edit reasons', className: 'reason' }],
          byRule.map((rule) => ({
            cells: [
              html`<code>${rule.rule}</code>`,
              formatCount(rule.rejected.total),
              topReasons(rule.rejected),
              formatCount(rule.edited.total),
              topReasons(rule.edited),
            ],
          })),
          'reasons-by-rule',
        )}`;
  return card(
    'reasons',
    'Reasons',
    html`<p class="note">As reviewers wrote them (spellings that differ only in case or outer spaces counted together), most frequent first.</p><div class="pair">${reasonTable('Rejections', overall.rejected, minRecords)}${reasonTable('Edits', overall.edited, minRecords)}</div>${rules}`,
  );
}

import type { ReviewReport } from '@oversight/simulator';
import { formatCount, formatRate } from '../numbers.js';
import { badge, card, lineRef, shownOf } from './blocks.js';
import { html, type SafeHtml } from './html.js';
import { dataTable } from './table.js';

type History = ReviewReport['history'];

function counts(record: Record<string, number>): SafeHtml {
  const entries = Object.entries(record);
  if (entries.length === 0) return html`none`;
  return html`${entries.map(([name, count], index) => html`${index === 0 ? '' : ', '}<code>${name}</code> ${formatCount(count)}`)}`;
}

function period(report: ReviewReport): SafeHtml {
  const { since, until } = report.criteria;
  if (since === null && until === null) return html`all records`;
  return html`from <code>${since ?? 'the start'}</code> up to <code>${until ?? 'the end'}</code> (end excluded)`;
}

/** The warning under the headline when part of the history could not be read or was left out. */
export function historyAlert(history: History): SafeHtml {
  const items: SafeHtml[] = [];
  if (history.invalid.count > 0) items.push(html`<li>${formatCount(history.invalid.count)} ${history.invalid.count === 1 ? 'line' : 'lines'} could not be read and ${history.invalid.count === 1 ? 'is' : 'are'} not counted.</li>`);
  if (history.duplicates.count > 0) items.push(html`<li>${formatCount(history.duplicates.count)} ${history.duplicates.count === 1 ? 'line repeats' : 'lines repeat'} an earlier decision id and ${history.duplicates.count === 1 ? 'is' : 'are'} counted once.</li>`);
  if (items.length === 0) return html``;
  return html`<div class="alert warn" role="status"><strong class="alert-title">Part of the history was not counted</strong><ul>${items}</ul><a href="#history">See the history.</a></div>`;
}

/** What was read: sources, lines, records counted and set apart, invalid lines with where they are, duplicates, and the criteria. */
export function historySection(report: ReviewReport): SafeHtml {
  const { history, criteria } = report;
  const { sources } = history;
  const invalid =
    history.invalid.count === 0
      ? html``
      : html`<h3>Invalid lines</h3><p>${formatCount(history.invalid.count)} ${history.invalid.count === 1 ? 'line does' : 'lines do'} not parse or not match the history schema: skipped, counted nowhere else.</p>${dataTable(
          [{ label: 'Line' }, { label: 'Reason', className: 'reason' }],
          history.invalid.examples.map((example) => ({ cells: [lineRef(example, sources), example.reason] })),
          'invalid-lines',
        )}${shownOf(history.invalid.examples.length, history.invalid.count, formatCount)}`;
  const { duplicates } = history;
  const repeated =
    duplicates.count === 0
      ? html``
      : html`<h3>Duplicate decisions</h3><p>${formatCount(duplicates.count)} ${duplicates.count === 1 ? 'line repeats' : 'lines repeat'} the decision id of an earlier line: counted once, at the line first read.</p>${dataTable(
          [{ label: 'Line' }, { label: 'Decision' }, { label: 'First read at' }],
          duplicates.examples.map((example) => ({ cells: [lineRef(example, sources), html`<code>${example.decisionId}</code>`, lineRef(example.first, sources)] })),
          'duplicate-lines',
        )}${shownOf(duplicates.examples.length, duplicates.count, formatCount)}`;
  const otherTotal = Object.values(history.otherPolicies).reduce((sum, count) => sum + count, 0);
  const outside = history.outsidePeriod.before + history.outsidePeriod.after;
  const policy = report.policy === null ? html`none given: every record counts, and no SLA is checked` : html`<code>${report.policy.name}</code> v${report.policy.version} <code class="muted">${report.policy.hash}</code>`;
  return card(
    'history',
    'History',
    html`<dl class="facts">
<dt>Sources</dt><dd>${sources.length === 0 ? html`<span class="muted">none</span>` : sources.map((source, index) => html`${index === 0 ? '' : ', '}<code>${source}</code>`)}</dd>
<dt>Policy</dt><dd>${policy}</dd>
<dt>Period</dt><dd>${period(report)}; ${history.period.first === null || history.period.last === null ? 'no record counted' : html`records from <code>${history.period.first}</code> to <code>${history.period.last}</code>`}</dd>
<dt>Lines read</dt><dd>${formatCount(history.lines)}</dd>
<dt>Records counted</dt><dd>${formatCount(history.records)} (${formatRate(history.lines === 0 ? null : history.records / history.lines)} of lines) · ${counts(history.policies)}</dd>
<dt>Other policies</dt><dd>${counts(history.otherPolicies)}${otherTotal === 0 ? '' : html` <span class="muted">— counted apart, not in the figures</span>`}</dd>
<dt>Outside the period</dt><dd>${formatCount(outside)}${outside === 0 ? '' : html` <span class="muted">— ${formatCount(history.outsidePeriod.before)} before, ${formatCount(history.outsidePeriod.after)} after: not in the figures</span>`}</dd>
<dt>Decision log events</dt><dd>${formatCount(history.logEvents)}${history.logEvents === 0 ? '' : html` <span class="muted">— proposals waiting, approvals, escalations: not settled decisions, skipped</span>`}</dd>
<dt>Invalid lines</dt><dd>${formatCount(history.invalid.count)}${history.invalid.count === 0 ? '' : html` ${badge('skipped', 'warn')}`}</dd>
<dt>Duplicate decisions</dt><dd>${formatCount(duplicates.count)}${duplicates.count === 0 ? '' : html` ${badge('counted once', 'warn')}`}</dd>
<dt>Few records</dt><dd>figures resting on fewer than ${formatCount(criteria.minRecords)} records are marked, never hidden</dd>
</dl>${invalid}${repeated}`,
  );
}

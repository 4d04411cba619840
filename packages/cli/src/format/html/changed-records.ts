import type { ChangedRecord } from '@oversight/simulator';
import { lineRef, routeName, shownOf } from './blocks.js';
import { formatCount } from '../numbers.js';
import { html, type SafeHtml } from './html.js';
import { dataTable } from './table.js';

function downstream(error: boolean | undefined): SafeHtml {
  if (error === undefined) return html`<span class="unknown">unknown</span>`;
  return error ? html`<span class="badge bad">error</span>` : html`<span class="muted">none</span>`;
}

/**
 * Example records whose route the candidate changes, with what a person did
 * and why; `total` is how many there are in all, so a cut list says so.
 */
export function renderChangedRecords(records: readonly ChangedRecord[], total: number, sources: readonly string[]): SafeHtml {
  if (records.length === 0) return html`<p class="muted">No example records.</p>`;
  const rows = records.map((record) => ({
    cells: [
      lineRef(record, sources),
      html`<code>${record.decisionId}</code>`,
      html`${routeName(record.recordedRoute)}${record.baselineRoute === record.recordedRoute ? '' : html` <span class="muted">(baseline ${routeName(record.baselineRoute)})</span>`} \u2192 ${routeName(record.candidateRoute)}`,
      record.rule === undefined ? html`<span class="muted">no rule</span>` : html`<code>${record.rule}</code>`,
      record.outcome === undefined ? html`<span class="unknown">no outcome</span>` : record.outcome,
      record.reason === undefined ? html`<span class="muted">—</span>` : record.reason,
      downstream(record.downstreamError),
    ],
  }));
  return html`${dataTable(
    [{ label: 'Line' }, { label: 'Decision' }, { label: 'Recorded \u2192 candidate' }, { label: 'Candidate rule' }, { label: 'Outcome' }, { label: 'Reason', className: 'reason' }, { label: 'Downstream' }],
    rows,
    'records',
  )}${shownOf(records.length, total, formatCount)}`;
}

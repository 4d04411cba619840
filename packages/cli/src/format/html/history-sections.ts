import { type SimulationReport } from '@oversight/simulator';
import { FIDELITY_WARNING } from '@oversight/simulator/internal';
import { badge, card, lineRef, routeName, shownOf, statGrid, type Tone } from './blocks.js';
import { formatCount, formatRate } from '../numbers.js';
import { html, type SafeHtml } from './html.js';
import { dataTable } from './table.js';

type History = SimulationReport['history'];
type Fidelity = SimulationReport['fidelity'];

// Below this share of reproduced routes the baseline does not describe what
// happened, and every comparison built on it is suspect: the page says so first.
const LOW_FIDELITY = FIDELITY_WARNING;
const MAX_ROWS = 50;

/** Red when too few records reproduce (or none was replayed), orange when any does not, green when all do. */
export function fidelityTone(rate: number | null): Tone {
  if (rate === null || rate < LOW_FIDELITY) return 'bad';
  return rate < 1 ? 'warn' : 'ok';
}

/** Replayed records that did not come out as recorded. */
function mismatchCount(fidelity: Fidelity): number {
  return fidelity.of - fidelity.reproduced;
}

function warningList(warnings: readonly string[]): SafeHtml {
  return html`<ul>${warnings.map((warning) => html`<li>${warning}</li>`)}</ul>`;
}

/**
 * The alerts under the verdict, in one box: red when fidelity is low (the
 * simulator's warnings, which explain it, listed inside; our own explanation
 * when it gave none), orange when there are only warnings, nothing otherwise.
 */
export function renderAlerts(fidelity: Fidelity, warnings: readonly string[] = []): SafeHtml {
  if (fidelityTone(fidelity.rate) === 'bad') {
    const title =
      fidelity.rate === null
        ? html`No record was replayed`
        : html`Low replay fidelity: ${formatRate(fidelity.rate)} <span class="alert-detail">${formatCount(mismatchCount(fidelity))} of ${formatCount(fidelity.of)} replayed records do not reproduce their recorded route</span>`;
    const explanation =
      fidelity.rate === null
        ? html`<p>No record of the baseline’s policy was replayed, so nothing in this report is measured against history.</p>`
        : html`<p>The baseline does not describe what happened, so every comparison below is suspect until the mismatches are explained.</p>`;
    return html`<div class="alert bad" role="alert"><strong class="alert-title">${title}</strong>${warnings.length === 0 ? explanation : warningList(warnings)}<a href="#fidelity">See the records that do not reproduce.</a></div>`;
  }
  if (warnings.length === 0) return html``;
  return html`<div class="alert warn" role="status"><strong class="alert-title">${warnings.length === 1 ? 'Warning' : `${formatCount(warnings.length)} warnings`}</strong>${warningList(warnings)}</div>`;
}

/** The headline figures of the input: what was read, what was replayed, how faithfully. */
export function historyStats(history: History, fidelity: Fidelity): SafeHtml {
  return statGrid([
    { label: 'Replayed records', value: formatCount(history.replayed), detail: `of ${formatCount(history.total)} history lines` },
    {
      label: 'Replay fidelity',
      value: formatRate(fidelity.rate),
      detail: `${formatCount(fidelity.reproduced)} of ${formatCount(fidelity.of)} reproduced`,
      tone: fidelityTone(fidelity.rate),
    },
    {
      label: 'Invalid lines',
      value: formatCount(history.invalid.count),
      detail: history.invalid.count === 0 ? 'every line parsed' : 'skipped, never counted as agreement',
      tone: history.invalid.count === 0 ? 'ok' : 'warn',
    },
  ]);
}

function otherPolicies(counts: Record<string, number>): SafeHtml {
  const entries = Object.entries(counts);
  if (entries.length === 0) return html`none`;
  return html`${entries.map(([name, count], index) => html`${index === 0 ? '' : ', '}<code>${name}</code> ${formatCount(count)}`)}`;
}

/** What the history held: sources, counts, records of other policies, the lines that could not be read, and those that repeat a decision. */
export function renderHistorySection(history: History): SafeHtml {
  const invalidRows = history.invalid.examples.map((example) => ({
    cells: [lineRef(example, history.sources), example.reason],
  }));
  const invalid =
    history.invalid.count === 0
      ? html``
      : html`<h3>Invalid lines</h3><p>${formatCount(history.invalid.count)} ${history.invalid.count === 1 ? 'line does' : 'lines do'} not parse or do not match the history schema. They were skipped and are not counted as agreement.</p>${dataTable(
          [{ label: 'Line' }, { label: 'Reason', className: 'reason' }],
          invalidRows,
        )}${shownOf(history.invalid.examples.length, history.invalid.count, formatCount)}`;
  const { duplicates } = history;
  const duplicateRows = duplicates.examples.map((example) => ({
    cells: [lineRef(example, history.sources), html`<code>${example.decisionId}</code>`, lineRef(example.first, history.sources)],
  }));
  const repeated =
    duplicates.count === 0
      ? html``
      : html`<h3>Duplicate decisions</h3><p>${formatCount(duplicates.count)} ${duplicates.count === 1 ? 'line repeats' : 'lines repeat'} the decision id of an earlier line. A decision is counted once, at the line it was first read on; the later lines are listed here and counted nowhere else.</p>${dataTable(
          [{ label: 'Line' }, { label: 'Decision' }, { label: 'First read at' }],
          duplicateRows,
        )}${shownOf(duplicates.examples.length, duplicates.count, formatCount)}`;
  const otherTotal = Object.values(history.otherPolicies).reduce((sum, count) => sum + count, 0);
  return card(
    'history',
    'History',
    html`<dl class="facts">
<dt>Sources</dt><dd>${history.sources.map((source, index) => html`${index === 0 ? '' : ', '}<code>${source}</code>`)}</dd>
<dt>Lines read</dt><dd>${formatCount(history.total)}</dd>
<dt>Replayed</dt><dd>${formatCount(history.replayed)} records of the baseline's policy (${formatRate(history.total === 0 ? null : history.replayed / history.total)} of lines)</dd>
<dt>Other policies</dt><dd>${otherPolicies(history.otherPolicies)}${otherTotal === 0 ? '' : html` <span class="muted">— counted, not replayed</span>`}</dd>
<dt>Decision log events</dt><dd>${formatCount(history.logEvents)}${history.logEvents === 0 ? '' : html` <span class="muted">— proposals waiting, approvals, escalations: not decisions, skipped</span>`}</dd>
<dt>Invalid lines</dt><dd>${formatCount(history.invalid.count)}${history.invalid.count === 0 ? '' : html` ${badge('skipped', 'warn')}`}</dd>
<dt>Duplicate decisions</dt><dd>${formatCount(duplicates.count)}${duplicates.count === 0 ? '' : html` ${badge('counted once', 'warn')}`}</dd>
</dl>${invalid}${repeated}`,
  );
}

function rules(list: readonly string[] | undefined): SafeHtml {
  if (list === undefined) return html`<span class="unknown">not recorded</span>`;
  if (list.length === 0) return html`<span class="muted">none</span>`;
  return html`${list.map((rule, index) => html`${index === 0 ? '' : ' '}<code>${rule}</code>`)}`;
}

/** How many baseline replays reproduce the recorded route, and the records that do not. */
export function renderFidelitySection(fidelity: Fidelity, sources: readonly string[]): SafeHtml {
  const tone = fidelityTone(fidelity.rate);
  const shown = fidelity.mismatches.slice(0, MAX_ROWS);
  const rows = shown.map((mismatch) => ({
    cells: [
      lineRef(mismatch, sources),
      html`<code>${mismatch.decisionId}</code>`,
      html`${routeName(mismatch.recorded.route)}<br>${rules(mismatch.recorded.rules)}`,
      html`${routeName(mismatch.replayed.route)}<br>${rules(mismatch.replayed.rules)}`,
      mismatch.replayed.error === undefined ? html`<span class="muted">—</span>` : html`<code>${mismatch.replayed.error}</code>`,
    ],
  }));
  const table =
    rows.length === 0
      ? html``
      : html`<h3>Records that do not reproduce</h3>${dataTable(
          [{ label: 'Line' }, { label: 'Decision' }, { label: 'Recorded' }, { label: 'Replayed' }, { label: 'Error' }],
          rows,
        )}${shownOf(shown.length, mismatchCount(fidelity), formatCount)}`;
  const label = tone === 'ok' ? 'every route reproduced' : tone === 'warn' ? 'some routes differ' : 'low fidelity';
  return card(
    'fidelity',
    html`Replay fidelity ${badge(label, tone)}`,
    html`<p>The baseline, replayed over history, reproduces <strong>${formatCount(fidelity.reproduced)}</strong> of <strong>${formatCount(fidelity.of)}</strong> recorded routes (<strong>${formatRate(fidelity.rate)}</strong>). A record that does not reproduce means the policy, its thresholds or the facts changed since it was decided.</p>${table}`,
  );
}

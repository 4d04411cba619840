import type { Rate, Turnaround } from '@oversight/simulator';
import { formatCount, formatRate, formatRateInterval, formatSeconds } from '../numbers.js';
import { badge } from './blocks.js';
import { html, type SafeHtml } from './html.js';

// The small pieces every section of the review report is built from: a rate
// with the records it rests on, a duration, and the mark a figure on too few
// records carries. Nothing here hides a figure: a thin one is shown, marked.

const NONE = html`<span class="muted" title="no record to rest on">—</span>`;

/**
 * The mark of a figure resting on fewer than `minRecords` records: a
 * "few records" badge ("few" in a table cell, where columns are narrow), with
 * the threshold in its tooltip. The class `thin` lets a test (or a reader's
 * find) count them.
 */
export function thinMark(minRecords: number, inTable = false): SafeHtml {
  return html`<span class="thin" title="Rests on fewer than ${formatCount(minRecords)} records: shown, but not much to go on">${badge(inTable ? 'few' : 'few records', 'warn')}</span>`;
}

/** The 95% interval of a rate, as text: `83.77% – 85.23%`; `unknown` without one. */
export function intervalText(rate: Rate): string {
  return formatRateInterval(rate.low === null || rate.high === null ? null : [rate.low, rate.high]);
}

/** `8,021 of 9,491 reviews · 95% interval 83.8% – 85.2%`: what a rate rests on, for a tooltip. */
function rateTitle(rate: Rate, noun: string): string {
  return `${formatCount(rate.count)} of ${formatCount(rate.of)} ${noun} · 95% interval ${intervalText(rate)}`;
}

/**
 * A rate in a table of groups: the percent, its count under it, the interval
 * and what it is of in the tooltip (the row's own column says how many it is
 * of), and the few-records mark when thin. `—` when it rests on nothing.
 */
export function rateCell(rate: Rate, minRecords: number, noun = 'reviews'): SafeHtml {
  if (rate.of === 0 || rate.rate === null) return NONE;
  return html`<span title="${rateTitle(rate, noun)}">${formatRate(rate.rate)}</span><br><span class="note">${formatCount(rate.count)}</span>${rate.thin ? html`<br>${thinMark(minRecords, true)}` : ''}`;
}

/** The median turnaround, with how many timed records it rests on under it, marked when thin. */
export function medianCell(turnaround: Turnaround, minRecords: number): SafeHtml {
  if (turnaround.of === 0 || turnaround.median === null) return NONE;
  const untimed = turnaround.withoutTurnaround === 0 ? '' : ` (${formatCount(turnaround.withoutTurnaround)} answered without a turnaround)`;
  return html`<span title="median of ${formatCount(turnaround.of)} recorded turnarounds${untimed}">${formatSeconds(turnaround.median)}</span><br><span class="note">${formatCount(turnaround.of)} timed</span>${turnaround.thin ? html`<br>${thinMark(minRecords, true)}` : ''}`;
}

/** The 90th percentile turnaround (it rests on the same records as the median beside it). */
export function p90Cell(turnaround: Turnaround): SafeHtml {
  if (turnaround.of === 0 || turnaround.p90 === null) return NONE;
  return html`<span title="90th percentile of ${formatCount(turnaround.of)} recorded turnarounds">${formatSeconds(turnaround.p90)}</span>`;
}

/** A whole count, marked when the group it counts is thin. */
export function countCell(count: number, thin: boolean, minRecords: number): SafeHtml {
  return html`${formatCount(count)}${thin ? html`<br>${thinMark(minRecords, true)}` : ''}`;
}

import type { Route } from '@oversight/core';
import type { LineRef } from '@oversight/simulator';
import { UNKNOWN } from '../numbers.js';
import { html, type HtmlValue, type SafeHtml } from './html.js';

/** How good or bad a figure is, which colours it. */
export type Tone = 'ok' | 'warn' | 'bad';

export interface Stat {
  label: string;
  value: HtmlValue;
  detail?: HtmlValue;
  tone?: Tone;
}

/** A titled panel of the page; `id` is its in-page anchor. */
export function card(id: string, title: HtmlValue, body: HtmlValue): SafeHtml {
  return html`<section class="card" id="${id}"><h2>${title}</h2>${body}</section>`;
}

/** A row of headline figures. */
export function statGrid(stats: readonly Stat[]): SafeHtml {
  const items = stats.map(
    (stat) =>
      html`<div class="stat${stat.tone === undefined ? '' : ` ${stat.tone}`}"><div class="label">${stat.label}</div><div class="value">${stat.value}</div>${stat.detail === undefined ? '' : html`<div class="detail">${stat.detail}</div>`}</div>`,
  );
  return html`<div class="stats">${items}</div>`;
}

export function badge(text: string, tone: Tone | 'info'): SafeHtml {
  return html`<span class="badge ${tone}">${text}</span>`;
}

/** A formatted figure, set apart in grey italics when the simulator could not know it. */
export function figure(text: string): SafeHtml {
  return text === UNKNOWN ? html`<span class="unknown">${text}</span>` : html`${text}`;
}

/** A route id, coloured as `oversight eval --format pretty` colours it. */
export function routeName(route: Route): SafeHtml {
  return html`<span class="route route-${route}">${route}</span>`;
}

/**
 * Where a record sits in the history. With one history file the line number
 * is enough (the file is named in the History section); with several, the
 * file's base name leads. The full path is always in the tooltip.
 */
export function lineRef(ref: LineRef, sources: readonly string[]): SafeHtml {
  const full = `${ref.source}:${ref.line}`;
  if (sources.length === 1 && sources[0] === ref.source) return html`<code title="${full}">${ref.line}</code>`;
  const base = ref.source.slice(ref.source.lastIndexOf('/') + 1);
  return html`<code title="${full}">${base}:${ref.line}</code>`;
}

/** The note under a list cut short: `Showing 20 of 78.` */
export function shownOf(shown: number, total: number, format: (value: number) => string): SafeHtml {
  return shown < total ? html`<p class="note">Showing ${format(shown)} of ${format(total)}.</p>` : html``;
}

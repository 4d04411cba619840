import type { Route } from '@oversight/core';
import type { CandidateComparison } from '@oversight/simulator';
import { formatCount } from '../numbers.js';
import { html, type SafeHtml } from './html.js';
import { routeName } from './blocks.js';

type RouteChanges = CandidateComparison['routeChanges'];

// Unchanged records (the diagonal) and changed ones are shaded on separate
// scales, each against its own largest cell: otherwise the thousands that keep
// their route would wash out the few hundred that move, which are the news.
const KEPT_HUE = 215;
const CHANGED_HUE = 24;

function shade(count: number, max: number, hue: number): { style: string; dark: boolean } {
  const strength = max === 0 ? 0 : Math.sqrt(count / max);
  const lightness = 97 - 52 * strength;
  const saturation = hue === KEPT_HUE ? 35 : 90;
  return { style: `background-color: hsl(${hue} ${saturation}% ${lightness.toFixed(1)}%)`, dark: strength > 0.6 };
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

/**
 * The route-change matrix as a heat-map table: a row a baseline route, a
 * column a candidate route, each cell the records that go from one to the
 * other (`data-count` holds the exact number). The diagonal, records whose
 * route does not change, is outlined.
 */
export function renderRouteMatrix(changes: RouteChanges): SafeHtml {
  const { routes, matrix } = changes;
  const cellAt = (from: number, to: number): number => matrix[from]?.[to] ?? 0;
  const indices = routes.map((_, index) => index);
  const kept = indices.map((index) => cellAt(index, index));
  const moved = indices.flatMap((from) => indices.filter((to) => to !== from).map((to) => cellAt(from, to)));
  const maxKept = Math.max(0, ...kept);
  const maxMoved = Math.max(0, ...moved);

  const head = routes.map((route) => html`<th scope="col">${routeName(route)}</th>`);
  const rows = routes.map((from: Route, fromIndex) => {
    const cells = routes.map((to: Route, toIndex) => {
      const count = cellAt(fromIndex, toIndex);
      const diagonal = fromIndex === toIndex;
      const { style, dark } = shade(count, diagonal ? maxKept : maxMoved, diagonal ? KEPT_HUE : CHANGED_HUE);
      const classes = ['cell', diagonal ? 'diagonal' : 'changed', count === 0 ? 'zero' : '', dark ? 'dark' : ''].filter((name) => name !== '').join(' ');
      const title = diagonal ? `${from}: ${formatCount(count)} records keep their route` : `${from} \u2192 ${to}: ${formatCount(count)} records`;
      return html`<td class="${classes}" data-from="${from}" data-to="${to}" data-count="${count}" style="${count === 0 ? '' : style}" title="${title}">${formatCount(count)}</td>`;
    });
    return html`<tr><th scope="row">${routeName(from)}</th>${cells}<td class="total">${formatCount(sum(indices.map((to) => cellAt(fromIndex, to))))}</td></tr>`;
  });
  const columnTotals = indices.map((to) => html`<td class="total">${formatCount(sum(indices.map((from) => cellAt(from, to))))}</td>`);
  const all = sum(indices.flatMap((from) => indices.map((to) => cellAt(from, to))));

  return html`<div class="table-wrap"><table class="route-matrix">
<thead><tr><th class="corner"><span class="axis-name">baseline</span> \u2193 / <span class="axis-name">candidate</span> \u2192</th>${head}<th scope="col">total</th></tr></thead>
<tbody>${rows}<tr><th scope="row">total</th>${columnTotals}<td class="total">${formatCount(all)}</td></tr></tbody>
</table></div>
<div class="legend"><span><span class="swatch" style="background-color: hsl(${KEPT_HUE} 35% 60%)"></span>route kept (dashed diagonal)</span><span><span class="swatch" style="background-color: hsl(${CHANGED_HUE} 90% 60%)"></span>route changed</span><span>darker = more records</span></div>`;
}

import type { SweepPoint, SweepRange } from '@oversight/simulator';
import { formatCount, formatHours, formatNumber } from '../numbers.js';
import { html, type SafeHtml } from './html.js';
import { linearScale } from './svg-scale.js';

const WIDTH = 1000;
const HEIGHT = 460;
const MARGIN = { left: 76, right: 28, top: 44, bottom: 58 };
const CHAR_WIDTH = 6.6;
const LABEL_HEIGHT = 13;
const MAX_LABELLED_POINTS = 30;

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** The varied thresholds' values of a point, short: `100`, or `100 / 0.9` when several vary. */
export function pointLabel(point: SweepPoint, vary: readonly SweepRange[]): string {
  return vary.map((range) => formatNumber(point.thresholds[range.name] ?? Number.NaN)).join(' / ');
}

function pointTitle(point: SweepPoint, vary: readonly SweepRange[]): string {
  const values = vary.map((range) => `${range.name} = ${formatNumber(point.thresholds[range.name] ?? Number.NaN)}`).join(', ');
  const marks = [point.pareto ? 'Pareto front' : 'dominated', point.current ? 'current policy' : ''].filter((mark) => mark !== '').join(', ');
  return `${values}\n${formatCount(point.reviews)} reviews (reviewer-hours: ${formatHours(point.reviewerHours)}) · ${formatCount(point.automatedErrors)} errors run automatically (${formatCount(point.escapes)} escapes) · ${formatCount(point.automated)} automatic (${marks})`;
}

/**
 * Places each label beside its point where it hits no dot and no label placed
 * before, and stays inside the plot: right, above, left, below, in that order.
 * Greedy, but a sweep's points lie on a curve, so one of the four is nearly
 * always free; a label with no free place is left out (its dot keeps its title).
 */
function placeLabels(points: readonly { x: number; y: number; text: string }[], bounds: Box): (Box | undefined)[] {
  const dot = 7;
  const placed: Box[] = points.map(({ x, y }) => ({ x: x - dot, y: y - dot, width: 2 * dot, height: 2 * dot }));
  return points.map(({ x, y, text }) => {
    const width = text.length * CHAR_WIDTH;
    const candidates: Box[] = [
      { x: x + 9, y: y - LABEL_HEIGHT - 2, width, height: LABEL_HEIGHT },
      { x: x - width / 2, y: y - LABEL_HEIGHT - 10, width, height: LABEL_HEIGHT },
      { x: x - width - 9, y: y - LABEL_HEIGHT - 2, width, height: LABEL_HEIGHT },
      { x: x - width / 2, y: y + 10, width, height: LABEL_HEIGHT },
    ];
    const inside = (box: Box): boolean =>
      box.x >= bounds.x && box.y >= bounds.y && box.x + box.width <= bounds.x + bounds.width && box.y + box.height <= bounds.y + bounds.height;
    const box = candidates.find((option) => inside(option) && placed.every((other) => !overlaps(option, other)));
    if (box !== undefined) placed.push(box);
    return box;
  });
}

/**
 * The trade-off of a sweep as an inline SVG scatter chart: human reviews
 * across, labelled-bad records run automatically (`automatedErrors`) up, one dot a point (its thresholds in the hover title),
 * the Pareto front as a connected, highlighted line and the policy's own
 * values ringed. Lower left is better.
 */
export function svgSweepChart(points: readonly SweepPoint[], vary: readonly SweepRange[]): SafeHtml {
  const left = MARGIN.left;
  const right = WIDTH - MARGIN.right;
  const top = MARGIN.top;
  const bottom = HEIGHT - MARGIN.bottom;
  const reviews = points.map((point) => point.reviews);
  const errors = points.map((point) => point.automatedErrors);
  const x = linearScale(Math.min(...reviews), Math.max(...reviews), [left, right], 6);
  const y = linearScale(0, Math.max(0, ...errors), [bottom, top], 5);
  const at = (point: SweepPoint): { x: number; y: number } => ({ x: x.map(point.reviews), y: y.map(point.automatedErrors) });

  const grid = html`${x.ticks.map((tick) => {
    const px = x.map(tick).toFixed(1);
    return html`<line class="grid" x1="${px}" y1="${top}" x2="${px}" y2="${bottom}"></line><text class="axis-label" x="${px}" y="${bottom + 18}" text-anchor="middle">${formatCount(tick)}</text>`;
  })}${y.ticks.map((tick) => {
    const py = y.map(tick).toFixed(1);
    return html`<line class="grid" x1="${left}" y1="${py}" x2="${right}" y2="${py}"></line><text class="axis-label" x="${left - 8}" y="${(y.map(tick) + 4).toFixed(1)}" text-anchor="end">${formatCount(tick)}</text>`;
  })}`;
  const axes = html`<line class="axis" x1="${left}" y1="${bottom}" x2="${right}" y2="${bottom}"></line><line class="axis" x1="${left}" y1="${top}" x2="${left}" y2="${bottom}"></line>
<text class="axis-title" x="${(left + right) / 2}" y="${HEIGHT - 14}" text-anchor="middle">Human reviews (fewer is better \u2190)</text>
<text class="axis-title" transform="translate(18 ${(top + bottom) / 2}) rotate(-90)" text-anchor="middle">Errors run automatically (fewer is better \u2193)</text>`;

  const front = points.filter((point) => point.pareto).sort((a, b) => a.reviews - b.reviews || a.automatedErrors - b.automatedErrors);
  const frontLine =
    front.length < 2
      ? html``
      : html`<polyline class="pareto-front" points="${front.map((point) => `${at(point).x.toFixed(1)},${at(point).y.toFixed(1)}`).join(' ')}"><title>Pareto front: no other point has both fewer reviews and fewer errors run automatically</title></polyline>`;

  // Dominated points first, so the front's dots and the current ring sit on top.
  const ordered = [...points].sort((a, b) => Number(a.pareto) - Number(b.pareto));
  const dots = ordered.map((point) => {
    const { x: cx, y: cy } = at(point);
    const classes = ['point', point.pareto ? 'pareto' : 'dominated', point.current ? 'current' : ''].filter((name) => name !== '').join(' ');
    return html`<circle class="${classes}" cx="${cx.toFixed(1)}" cy="${cy.toFixed(1)}" r="${point.pareto ? 6 : 5}" data-reviews="${point.reviews}" data-errors="${point.automatedErrors}"><title>${pointTitle(point, vary)}</title></circle>`;
  });
  const current = points.filter((point) => point.current).map((point) => {
    const { x: cx, y: cy } = at(point);
    return html`<circle class="current-marker" cx="${cx.toFixed(1)}" cy="${cy.toFixed(1)}" r="11"><title>Current policy: ${pointTitle(point, vary)}</title></circle>`;
  });

  // The current point's label is placed first, then the front's: when space runs out, dominated points go unlabelled.
  const priority = (point: SweepPoint): number => (point.current ? 0 : point.pareto ? 1 : 2);
  const labelled = (points.length <= MAX_LABELLED_POINTS ? [...points] : points.filter((point) => priority(point) < 2)).sort((a, b) => priority(a) - priority(b));
  const texts = labelled.map((point) => ({ ...at(point), text: point.current ? `${pointLabel(point, vary)} (current)` : pointLabel(point, vary), point }));
  const boxes = placeLabels(texts, { x: left, y: top - 30, width: right - left + MARGIN.right - 4, height: bottom - top + 30 });
  const labels = texts.map((label, index) => {
    const box = boxes[index];
    if (box === undefined) return html``;
    const classes = ['point-label', label.point.pareto ? 'pareto' : '', label.point.current ? 'current-label' : ''].filter((name) => name !== '').join(' ');
    return html`<text class="${classes}" x="${box.x.toFixed(1)}" y="${(box.y + LABEL_HEIGHT - 3).toFixed(1)}">${label.text}</text>`;
  });

  const legendY = 18;
  const legend = html`<g class="legend"><line class="legend-line" x1="${left}" y1="${legendY}" x2="${left + 22}" y2="${legendY}"></line><circle class="point pareto" cx="${left + 11}" cy="${legendY}" r="5"></circle><text x="${left + 30}" y="${legendY + 4}">Pareto front</text>
<circle class="point dominated" cx="${left + 136}" cy="${legendY}" r="5"></circle><text x="${left + 146}" y="${legendY + 4}">dominated</text>
<circle class="current-marker" cx="${left + 240}" cy="${legendY}" r="8"></circle><text x="${left + 254}" y="${legendY + 4}">current policy</text></g>`;

  const title = `Human reviews against errors run automatically, for ${formatCount(points.length)} sweep points`;
  return html`<svg class="sweep-chart" role="img" aria-label="${title}" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}"><title>${title}</title>${legend}${grid}${axes}${frontLine}${dots}${current}${labels}</svg>`;
}

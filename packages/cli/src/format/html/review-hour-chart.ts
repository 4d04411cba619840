import type { QueueByHour } from '@oversight/simulator';
import { formatCount } from '../numbers.js';
import { html, type SafeHtml } from './html.js';
import { linearScale } from './svg-scale.js';

const WIDTH = 540;
const HEIGHT = 210;
const MARGIN = { left: 52, right: 10, top: 34, bottom: 28 };
const HOURS = 24;
const BAR_WIDTH = 8;
const BAR_GAP = 1;
const SERIES = [
  { name: 'proposed', detail: 'proposed in this hour' },
  { name: 'answered', detail: 'answered in this hour' },
] as const;

function hourLabel(hour: number): string {
  return `${String(hour).padStart(2, '0')}:00`;
}

/**
 * One role's queue over the day as an inline SVG column chart: for each UTC
 * hour, the decisions proposed then (arrivals) beside those answered then.
 * Where arrivals stand above answers, work piles up; where answers stand
 * above, the queue is being worked off. A zero draws no bar; every bar has a
 * tooltip with its hour and count.
 */
export function svgHourChart(queue: QueueByHour): SafeHtml {
  const left = MARGIN.left;
  const right = WIDTH - MARGIN.right;
  const top = MARGIN.top;
  const bottom = HEIGHT - MARGIN.bottom;
  const slot = (right - left) / HOURS;
  const y = linearScale(0, Math.max(0, ...queue.arrivals, ...queue.answers), [bottom, top], 4);

  const grid = y.ticks.map((tick) => {
    const py = y.map(tick).toFixed(1);
    return html`<line class="grid" x1="${left}" y1="${py}" x2="${right}" y2="${py}"></line><text class="axis-label" x="${left - 8}" y="${(y.map(tick) + 4).toFixed(1)}" text-anchor="end">${formatCount(tick)}</text>`;
  });
  const hourTicks = Array.from({ length: HOURS / 3 }, (_, index) => index * 3).map(
    (hour) => html`<text class="axis-label" x="${(left + hour * slot + slot / 2).toFixed(1)}" y="${bottom + 16}" text-anchor="middle">${hourLabel(hour)}</text>`,
  );
  const bars = [queue.arrivals, queue.answers].map((values, seriesIndex) =>
    values.slice(0, HOURS).map((value, hour) => {
      if (value <= 0) return html``;
      const x = left + hour * slot + (slot - 2 * BAR_WIDTH - BAR_GAP) / 2 + seriesIndex * (BAR_WIDTH + BAR_GAP);
      const py = y.map(value);
      const series = SERIES[seriesIndex === 0 ? 0 : 1];
      return html`<rect class="bar series-${seriesIndex}" x="${x.toFixed(1)}" y="${py.toFixed(1)}" width="${BAR_WIDTH}" height="${(bottom - py).toFixed(1)}" data-value="${value}"><title>${queue.role} · ${hourLabel(hour)}–${hourLabel((hour + 1) % HOURS)} UTC: ${formatCount(value)} ${series.detail}</title></rect>`;
    }),
  );
  let legendX = left;
  const legend = SERIES.map((series, index) => {
    const item = html`<rect class="series-${index}" x="${legendX}" y="8" width="12" height="12" rx="3"></rect><text x="${legendX + 18}" y="18.5">${series.name}</text>`;
    legendX += 40 + series.name.length * 7;
    return item;
  });
  const title = `Decisions for ${queue.role} by UTC hour of day: proposed and answered`;
  return html`<svg class="hour-chart" role="img" aria-label="${title}" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}"><title>${title}</title><g class="legend">${legend}</g>${grid}${hourTicks}${bars}<line class="axis" x1="${left}" y1="${bottom}" x2="${right}" y2="${bottom}"></line></svg>`;
}

import { html, type SafeHtml } from './html.js';
import { linearScale } from './svg-scale.js';
import { UNKNOWN } from '../numbers.js';

export interface BarSeries {
  name: string;
  /** One value a category, in category order; null draws no bar and says `unknown`. */
  values: readonly (number | null)[];
}

export interface GroupedBarChart {
  /** What the chart shows, for screen readers and as the SVG's own title. */
  title: string;
  categories: readonly string[];
  /** Coloured in order by the `series-0`, `series-1`, ... classes of the page style. */
  series: readonly BarSeries[];
  /** How a value reads next to its bar and in its tooltip. */
  format: (value: number) => string;
  /** How an axis tick reads; `format` unless given (ticks are round, so they rarely need its decimals). */
  axisFormat?: (value: number) => string;
  width?: number;
}

const LABEL_WIDTH = 140;
const VALUE_SPACE = 84;
const LEGEND_HEIGHT = 30;
const AXIS_HEIGHT = 26;
const BAR_HEIGHT = 16;
const BAR_GAP = 3;
const GROUP_GAP = 14;
const MAX_LABEL = 22;

function shorten(text: string): string {
  return text.length > MAX_LABEL ? `${text.slice(0, MAX_LABEL - 1)}\u2026` : text;
}

function legend(series: readonly BarSeries[], left: number): SafeHtml[] {
  let x = left;
  return series.map((item, index) => {
    const entry = html`<g class="legend-item"><rect class="series-${index}" x="${x}" y="8" width="12" height="12" rx="3"></rect><text x="${x + 18}" y="18.5">${item.name}</text></g>`;
    x += 30 + item.name.length * 7;
    return entry;
  });
}

/**
 * A horizontal grouped bar chart as inline SVG: one row of bars a category,
 * one bar a series, the value written at the bar's end. Horizontal, because
 * category names (roles, routes) are long and read best left of their bars.
 * A zero draws no bar and a null draws `unknown`, so every drawn bar has size.
 */
export function svgGroupedBars(chart: GroupedBarChart): SafeHtml {
  const width = chart.width ?? 640;
  const axisFormat = chart.axisFormat ?? chart.format;
  const seriesCount = Math.max(chart.series.length, 1);
  const groupHeight = seriesCount * BAR_HEIGHT + (seriesCount - 1) * BAR_GAP;
  const plotTop = LEGEND_HEIGHT + 4;
  const plotHeight = chart.categories.length * (groupHeight + GROUP_GAP);
  const height = plotTop + plotHeight + AXIS_HEIGHT;
  const plotLeft = LABEL_WIDTH;
  const plotRight = width - VALUE_SPACE;
  const values = chart.series.flatMap((series) => series.values.filter((value): value is number => value !== null));
  const scale = linearScale(0, Math.max(0, ...values), [plotLeft, plotRight], 4);
  const plotBottom = plotTop + plotHeight;

  const grid = scale.ticks.map((tick) => {
    const x = scale.map(tick).toFixed(1);
    return html`<line class="grid" x1="${x}" y1="${plotTop}" x2="${x}" y2="${plotBottom}"></line><text class="axis-label" x="${x}" y="${plotBottom + 16}" text-anchor="middle">${axisFormat(tick)}</text>`;
  });

  const groups = chart.categories.map((category, categoryIndex) => {
    const groupTop = plotTop + categoryIndex * (groupHeight + GROUP_GAP) + GROUP_GAP / 2;
    const bars = chart.series.map((series, seriesIndex) => {
      const value = series.values[categoryIndex] ?? null;
      const y = groupTop + seriesIndex * (BAR_HEIGHT + BAR_GAP);
      const textY = (y + BAR_HEIGHT / 2 + 4).toFixed(1);
      if (value === null) {
        return html`<text class="unknown-label" x="${plotLeft + 6}" y="${textY}">${UNKNOWN}<title>${category} · ${series.name}: ${UNKNOWN}</title></text>`;
      }
      const end = scale.map(value);
      const label = html`<text class="value-label" x="${(end + 6).toFixed(1)}" y="${textY}">${chart.format(value)}</text>`;
      if (value <= 0) return label;
      return html`<rect class="bar series-${seriesIndex}" x="${plotLeft}" y="${y}" width="${(end - plotLeft).toFixed(1)}" height="${BAR_HEIGHT}" rx="2" data-value="${value}"><title>${category} · ${series.name}: ${chart.format(value)}</title></rect>${label}`;
    });
    const labelY = (groupTop + groupHeight / 2 + 4).toFixed(1);
    return html`<g class="bar-group"><text x="${plotLeft - 10}" y="${labelY}" text-anchor="end">${shorten(category)}<title>${category}</title></text>${bars}</g>`;
  });

  return html`<svg class="bar-chart" role="img" aria-label="${chart.title}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}"><title>${chart.title}</title>${legend(chart.series, plotLeft)}${grid}<line class="axis" x1="${plotLeft}" y1="${plotTop}" x2="${plotLeft}" y2="${plotBottom}"></line>${groups}</svg>`;
}

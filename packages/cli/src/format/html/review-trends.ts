import type { QueueByHour, ReviewReport, WeekTrend } from '@oversight/simulator';
import { formatCount, formatRate } from '../numbers.js';
import { card } from './blocks.js';
import { html, type SafeHtml } from './html.js';
import { countCell, rateCell } from './review-cells.js';
import { svgHourChart } from './review-hour-chart.js';
import { svgGroupedBars } from './svg-bars.js';
import { dataTable } from './table.js';

const CHART_WIDTH = 520;

/** A week as a chart category, with the few-records mark spelled out when it is thin (a chart has no badge). */
function weekLabel(trend: WeekTrend): string {
  return trend.thin ? `${trend.week} · few records` : trend.week;
}

function trendTable(trends: readonly WeekTrend[], minRecords: number): SafeHtml {
  return dataTable(
    [
      { label: 'Week' },
      { label: 'Records', numeric: true },
      { label: 'Reviews', numeric: true },
      { label: 'Automatic', numeric: true },
      { label: 'Approved', numeric: true },
      { label: 'Rejected', numeric: true },
    ],
    trends.map((trend) => ({
      cells: [
        html`<code>${trend.week}</code>`,
        countCell(trend.records, trend.thin, minRecords),
        formatCount(trend.reviews),
        rateCell(trend.auto, minRecords, 'records'),
        rateCell(trend.approved, minRecords),
        rateCell(trend.rejected, minRecords),
      ],
    })),
    'narrow trends',
  );
}

/** Records and reviews per ISO week, and the approval and rejection rates per week, as two bar charts and a table. */
export function trendsSection(report: ReviewReport): SafeHtml {
  const { trends } = report;
  const { minRecords } = report.criteria;
  if (trends.length === 0) return card('trends', 'Trends by week', html`<p class="muted">No record in the history.</p>`);
  const categories = trends.map(weekLabel);
  const volume = svgGroupedBars({
    title: 'Records and reviews per week',
    categories,
    series: [
      { name: 'records', values: trends.map((trend) => trend.records) },
      { name: 'reviews', values: trends.map((trend) => trend.reviews) },
    ],
    format: formatCount,
    width: CHART_WIDTH,
  });
  const rates = svgGroupedBars({
    title: 'Approval and rejection rate of reviews per week',
    categories,
    series: [
      { name: 'approved', values: trends.map((trend) => trend.approved.rate) },
      { name: 'rejected', values: trends.map((trend) => trend.rejected.rate) },
    ],
    format: formatRate,
    axisFormat: (value) => formatRate(value).replace(/\.0+%$/, '%'),
    width: CHART_WIDTH,
  });
  const charts = html`<div class="pair"><figure class="chart">${volume}<figcaption>Records by ISO week of <code>at</code> (UTC), and how many of them a person answered.</figcaption></figure><figure class="chart">${rates}<figcaption>Of each week’s reviews. “unknown”: a week without reviews. Exact counts and 95% intervals in the table below.</figcaption></figure></div>`;
  return card('trends', 'Trends by week', html`${charts}<h3>Week by week</h3>${trendTable(trends, minRecords)}`);
}

/** The hour with the most of `values` (the first such), and that count. */
function peak(values: readonly number[]): { hour: number; count: number } {
  return values.reduce((best, count, hour) => (count > best.count ? { hour, count } : best), { hour: 0, count: 0 });
}

function hourText(hour: number): string {
  return `${String(hour).padStart(2, '0')}:00`;
}

function queueFigure(queue: QueueByHour): SafeHtml {
  const arrivals = queue.arrivals.reduce((sum, count) => sum + count, 0);
  const answers = queue.answers.reduce((sum, count) => sum + count, 0);
  const busiest = peak(queue.arrivals);
  const untimed = queue.withoutTurnaround === 0 ? '' : html` ${formatCount(queue.withoutTurnaround)} answered without a turnaround are among the proposed only.`;
  return html`<figure class="chart"><h3><code>${queue.role}</code></h3>${svgHourChart(queue)}<figcaption>${formatCount(arrivals)} proposed, ${formatCount(answers)} answered with a recorded turnaround. Most proposed at ${hourText(busiest.hour)} UTC (${formatCount(busiest.count)}).${untimed}</figcaption></figure>`;
}

/** For each role, the decisions proposed and answered by UTC hour of day. */
export function queueSection(report: ReviewReport): SafeHtml {
  const { queueByHour } = report;
  const body =
    queueByHour.length === 0
      ? html`<p class="muted">No decision was answered by a person.</p>`
      : html`<p class="note">Decisions a person of the role answered, by the UTC hour they were proposed and the hour they were answered. Where proposed stands above answered, work piles up; where answered stands above, the queue is worked off. Hover a bar for its count.</p><div class="pair">${queueByHour.map(queueFigure)}</div>`;
  return card('queue', 'Queue by hour', body);
}

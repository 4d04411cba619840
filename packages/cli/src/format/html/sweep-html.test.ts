import { describe, expect, it } from 'vitest';
import { loadSweepReport } from '../../../test/report-fixtures.js';
import { formatSweepHtml } from './sweep-html.js';

interface Dot {
  classes: string[];
  cx: number;
  cy: number;
  reviews: number;
  errors: number;
  title: string;
}

function dots(page: string): Dot[] {
  return [
    ...page.matchAll(/<circle class="(point [^"]*)" cx="([\d.]+)" cy="([\d.]+)" r="\d+" data-reviews="(\d+)" data-errors="(\d+)"><title>([^<]*)<\/title>/g),
  ].map((match) => ({
    classes: (match[1] ?? '').split(' '),
    cx: Number(match[2]),
    cy: Number(match[3]),
    reviews: Number(match[4]),
    errors: Number(match[5]),
    title: match[6] ?? '',
  }));
}

describe('formatSweepHtml', () => {
  const report = loadSweepReport();
  const page = formatSweepHtml(report);
  const front = report.points.filter((point) => point.pareto);

  it('writes one self-contained HTML5 document', () => {
    expect(page.startsWith('<!doctype html>')).toBe(true);
    expect(page).not.toMatch(/https?:\/\//);
    expect(page).not.toMatch(/<(script|link|img|iframe)\b|\bsrc=|url\(/i);
  });

  it('draws one dot a point, and highlights exactly the Pareto points', () => {
    const found = dots(page);
    expect(found).toHaveLength(report.points.length);
    const highlighted = found.filter((dot) => dot.classes.includes('pareto'));
    expect(highlighted.map((dot) => dot.reviews).sort()).toEqual(front.map((point) => point.reviews).sort());
    const dominated = found.filter((dot) => !dot.classes.includes('pareto'));
    expect(dominated.map((dot) => dot.reviews)).toEqual([5765]);
    expect(dominated.every((dot) => dot.classes.includes('dominated'))).toBe(true);
  });

  it('joins the Pareto points, in order of reviews, with one line', () => {
    const line = /<polyline class="pareto-front" points="([^"]+)">/.exec(page);
    expect(line).not.toBeNull();
    const vertices = (line?.[1] ?? '').split(' ').map((pair) => pair.split(',').map(Number));
    expect(vertices).toHaveLength(front.length);
    const xs = vertices.map((vertex) => vertex[0] ?? Number.NaN);
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
    const byReviews = dots(page).filter((dot) => dot.classes.includes('pareto')).sort((a, b) => a.reviews - b.reviews);
    expect(vertices).toEqual(byReviews.map((dot) => [dot.cx, dot.cy]));
  });

  it('rings the current policy and labels each dot with its thresholds on hover', () => {
    expect(page.match(/<circle class="current-marker"[^>]*><title>Current policy: autoRefundMax = 50\n/g)).toHaveLength(1);
    const current = dots(page).filter((dot) => dot.classes.includes('current'));
    expect(current).toHaveLength(1);
    expect(current[0]?.title).toContain('autoRefundMax = 50');
    expect(current[0]?.title).toContain('current policy');
    for (const point of report.points) {
      expect(page).toContain(`<title>autoRefundMax = ${point.thresholds.autoRefundMax}\n`);
    }
  });

  it('marks Pareto and current rows in the table of points', () => {
    const rows = [...page.matchAll(/<tr class="([^"]+)">/g)].map((match) => match[1] ?? '');
    expect(rows.filter((row) => row.split(' ').includes('pareto'))).toHaveLength(front.length);
    expect(rows.filter((row) => row.split(' ').includes('current'))).toHaveLength(1);
    expect(page.match(/<span class="badge info">Pareto front<\/span>/g)).toHaveLength(front.length);
  });

  it('writes "unknown" for a point without reviewer-hours', () => {
    const noHours = loadSweepReport();
    const first = noHours.points[0];
    if (first === undefined) throw new Error('fixture has no points');
    first.reviewerHours = null;
    const text = formatSweepHtml(noHours);
    expect(text).toContain('<td class="num"><span class="unknown">unknown</span></td>');
    expect(text).toContain('reviewer-hours: unknown');
  });

  it('escapes names from the report', () => {
    const hostile = loadSweepReport();
    hostile.policy.label = '<script>alert(1)</script>';
    hostile.history.invalid.examples.push({ source: 'h.jsonl', line: 3, reason: '<img src=x onerror=alert(1)>' });
    const text = formatSweepHtml(hostile);
    expect(text).not.toMatch(/<script>|<img/);
    expect(text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(text).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('says so when a sweep has no points', () => {
    const empty = loadSweepReport();
    empty.points = [];
    expect(formatSweepHtml(empty)).toContain('The sweep has no points.');
  });
});

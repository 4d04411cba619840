import { describe, expect, it } from 'vitest';
import { formatCount } from '../numbers.js';
import { svgGroupedBars } from './svg-bars.js';
import { linearScale } from './svg-scale.js';

function bars(svg: string): { width: number; value: number }[] {
  return [...svg.matchAll(/<rect class="bar [^"]*"[^>]* width="([\d.]+)"[^>]* data-value="([\d.]+)"/g)].map((match) => ({
    width: Number(match[1]),
    value: Number(match[2]),
  }));
}

describe('svgGroupedBars', () => {
  const chart = svgGroupedBars({
    title: 'Records by route',
    categories: ['auto', 'review_after', 'approve_before'],
    series: [
      { name: 'baseline', values: [9860, 0, 8540] },
      { name: 'candidate', values: [12170, 0, null] },
    ],
    format: formatCount,
  }).text;

  it('draws a bar for each positive value, none for a zero, and says "unknown" for a null', () => {
    expect(bars(chart).map((bar) => bar.value)).toEqual([9860, 12170, 8540]);
    expect(chart).toContain('>unknown<');
    expect(chart.match(/class="value-label"[^>]*>0</g)).toHaveLength(2);
  });

  it('makes bar lengths proportional to values', () => {
    const [first, second] = bars(chart);
    expect(first !== undefined && second !== undefined).toBe(true);
    if (first === undefined || second === undefined) return;
    expect(first.width / second.width).toBeCloseTo(9860 / 12170, 2);
  });

  it('names each bar in a tooltip and escapes category names', () => {
    const svg = svgGroupedBars({ title: 't', categories: ['<role>'], series: [{ name: 'baseline', values: [3] }], format: formatCount }).text;
    expect(svg).toContain('<title>&lt;role&gt; · baseline: 3</title>');
    expect(svg).not.toContain('<role>');
  });

  it('draws an empty chart without dividing by zero', () => {
    const svg = svgGroupedBars({ title: 't', categories: ['a'], series: [{ name: 's', values: [0] }], format: formatCount }).text;
    expect(svg).not.toMatch(/NaN|Infinity/);
  });
});

describe('linearScale', () => {
  it('widens the domain to round ticks', () => {
    const scale = linearScale(5483, 19605, [0, 100], 6);
    expect(scale.ticks).toEqual([5000, 10000, 15000, 20000]);
    expect(scale.map(5000)).toBe(0);
    expect(scale.map(20000)).toBe(100);
  });

  it('keeps an axis for a span of zero', () => {
    expect(linearScale(0, 0, [0, 10]).ticks.length).toBeGreaterThan(1);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SecondsHistogram } from './seconds-histogram.js';

function exactQuantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil(q * sorted.length)) - 1]!;
}

describe('SecondsHistogram', () => {
  it('is exact below 256 seconds', () => {
    const histogram = new SecondsHistogram();
    for (const seconds of [5, 1, 200, 7, 7]) histogram.add(seconds);
    expect([histogram.quantile(0.5), histogram.quantile(0.9), histogram.quantile(0)]).toEqual([7, 200, 1]);
    expect(new SecondsHistogram().quantile(0.5)).toBeNull();
  });

  it('is within 0.25% (and half a second) of the nearest-rank quantile of any durations up to a year', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 31_536_000 }), { minLength: 1, maxLength: 200 }), fc.constantFrom(0.5, 0.9), (values, q) => {
        const histogram = new SecondsHistogram();
        for (const seconds of values) histogram.add(seconds);
        const exact = exactQuantile(values, q);
        expect(Math.abs(histogram.quantile(q)! - exact)).toBeLessThanOrEqual(exact * 0.0025 + 0.5);
      }),
    );
  });

  it('gives the quantile of what is left when a part is taken out', () => {
    const all = new SecondsHistogram();
    const part = new SecondsHistogram();
    for (let i = 0; i < 50; i++) {
      all.add(5);
      part.add(5);
    }
    for (let i = 0; i < 30; i++) all.add(600);
    expect(all.quantile(0.5)).toBe(5);
    expect(all.quantile(0.5, part)).toBeGreaterThan(597);
    expect(all.quantile(0.5, all)).toBeNull();
  });

  it('keeps at most a few thousand buckets, whatever it is given', () => {
    const histogram = new SecondsHistogram();
    for (let seconds = 0; seconds <= 31_536_000; seconds += 97) histogram.add(seconds);
    expect(histogram.count).toBe(Math.floor(31_536_000 / 97) + 1);
    expect((histogram as unknown as { buckets: Map<number, number> }).buckets.size).toBeLessThan(3000);
  });
});

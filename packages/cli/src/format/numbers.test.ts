import { describe, expect, it } from 'vitest';
import {
  formatCount,
  formatHours,
  formatNumber,
  formatRange,
  formatRate,
  formatRateInterval,
  formatSignedCount,
  formatSignedHours,
  formatSignedPercent,
} from './numbers.js';

describe('number formatting', () => {
  it('writes counts with thousands separators', () => {
    expect(formatCount(20412)).toBe('20,412');
    expect(formatCount(0)).toBe('0');
    expect(formatSignedCount(-2310)).toBe('\u22122,310');
    expect(formatSignedCount(1420)).toBe('+1,420');
    expect(formatSignedCount(0)).toBe('0');
  });

  it('writes small rates with two decimals and larger ones with one', () => {
    expect(formatRate(0.005373936)).toBe('0.54%');
    expect(formatRate(0.046753)).toBe('4.68%');
    expect(formatRate(0.1149)).toBe('11.5%');
    expect(formatRate(0)).toBe('0%');
    expect(formatRate(0.00001)).toBe('< 0.01%');
    expect(formatRate(1)).toBe('100.0%');
  });

  it('never rounds a rate just short of 100% up to 100%', () => {
    expect(formatRate(0.9997014)).toBe('99.97%');
    expect(formatRate(0.99999)).toBe('99.99%');
  });

  it('signs changes in percent', () => {
    expect(formatSignedPercent(-23.7044)).toBe('\u221223.7%');
    expect(formatSignedPercent(4.2677)).toBe('+4.27%');
  });

  it('writes reviewer-hours with one decimal and a unit', () => {
    expect(formatHours(11645.45)).toBe('11,645.5 h');
    expect(formatHours(0)).toBe('0.0 h');
    expect(formatSignedHours(-808.5)).toBe('\u2212808.5 h');
  });

  it('writes intervals and ranges', () => {
    expect(formatRateInterval([0.038871, 0.05614])).toBe('3.89% \u2013 5.61%');
    expect(formatRange([0.903245, 3.800965])).toBe('0.9 \u2013 3.8');
  });

  it('writes thresholds as configured', () => {
    expect(formatNumber(2500)).toBe('2,500');
    expect(formatNumber(0.9)).toBe('0.9');
  });

  it('says "unknown" for every null', () => {
    for (const format of [formatCount, formatSignedCount, formatRate, formatSignedPercent, formatHours, formatSignedHours]) {
      expect(format(null)).toBe('unknown');
    }
    expect(formatRateInterval(null)).toBe('unknown');
    expect(formatRange(null)).toBe('unknown');
  });
});

import { describe, expect, it } from 'vitest';
import { isoWeek, parsePeriod } from './period.js';

describe('parsePeriod', () => {
  it('reads a date as a whole UTC day: since from its first instant, until to the end of it', () => {
    expect(parsePeriod('2026-10-01', '2026-10-31')).toEqual({ from: Date.UTC(2026, 9, 1), to: Date.UTC(2026, 10, 1) });
  });

  it('reads a date-time with a zone as that instant', () => {
    expect(parsePeriod('2026-10-01T08:30:00+02:00', '2026-10-02T00:00Z')).toEqual({ from: Date.UTC(2026, 9, 1, 6, 30), to: Date.UTC(2026, 9, 2) });
  });

  it('leaves an absent bound open', () => {
    expect(parsePeriod()).toEqual({ from: null, to: null });
    expect(parsePeriod(undefined, '2026-12-31')).toEqual({ from: null, to: Date.UTC(2027, 0, 1) });
  });

  it.each([
    ['2026-13-01', /since: 2026-13-01 is not a date/],
    ['2026-02-29', /is not a date/],
    ['2026-10-01T12:00:00', /nor a date-time with a zone/],
    ['yesterday', /nor a date-time with a zone/],
    ['', /neither a date/],
  ])('refuses %j', (text, message) => {
    expect(() => parsePeriod(text)).toThrow(message);
  });

  it('refuses a period that ends before it starts, or where it starts', () => {
    expect(() => parsePeriod('2026-10-02', '2026-10-01')).toThrow(RangeError);
    expect(() => parsePeriod('2026-10-02T00:00:00Z', '2026-10-02T00:00:00Z')).toThrow(/empty/);
  });
});

describe('isoWeek', () => {
  it.each([
    ['2026-01-01T00:00:00Z', '2026-W01'], // a Thursday: week 1
    ['2025-12-29T00:00:00Z', '2026-W01'], // the Monday before it
    ['2025-12-28T23:59:59Z', '2025-W52'],
    ['2027-01-01T12:00:00Z', '2026-W53'], // a Friday: the last week of 2026
    ['2027-01-04T00:00:00Z', '2027-W01'],
    ['2024-12-30T00:00:00Z', '2025-W01'],
    ['2026-10-19T00:00:00Z', '2026-W43'],
    ['2026-10-25T23:59:59Z', '2026-W43'],
  ])('puts %s in %s', (at, week) => {
    expect(isoWeek(Date.parse(at))).toBe(week);
  });
});

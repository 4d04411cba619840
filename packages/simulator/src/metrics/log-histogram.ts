/**
 * Durations in buckets growing by 0.5%: a median within 0.25% of the exact one,
 * in constant memory, and histograms of several roles add up exactly.
 */
const GROWTH = 1.005;
const LOG_GROWTH = Math.log(GROWTH);
/** Buckets up to ~10^8 seconds (3 years); longer durations share the last. */
const BUCKETS = Math.ceil(Math.log(1e8) / LOG_GROWTH) + 2;

export type LogHistogram = number[];

export function newLogHistogram(): LogHistogram {
  return new Array<number>(BUCKETS).fill(0);
}

/** Adds `count` durations of `seconds` each (the DuckDB engine adds them grouped). */
export function addToHistogram(histogram: LogHistogram, seconds: number, count = 1): void {
  // Bucket 0 holds everything under a second.
  const index = seconds < 1 ? 0 : Math.min(BUCKETS - 1, 1 + Math.floor(Math.log(seconds) / LOG_GROWTH));
  histogram[index]! += count;
}

export function mergeHistogram(into: LogHistogram, from: LogHistogram): void {
  for (let i = 0; i < BUCKETS; i++) into[i]! += from[i]!;
}

/** The median, from the middle of its bucket; undefined for an empty histogram. */
export function histogramMedian(histogram: LogHistogram): number | undefined {
  let total = 0;
  for (const count of histogram) total += count;
  if (total === 0) return undefined;
  let seen = 0;
  for (let i = 0; i < BUCKETS; i++) {
    seen += histogram[i]!;
    if (seen * 2 >= total) return i === 0 ? 0.5 : Math.sqrt(GROWTH ** (i - 1) * GROWTH ** i);
  }
  return undefined;
}

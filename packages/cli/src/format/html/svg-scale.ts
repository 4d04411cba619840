/** A linear map from data values onto pixels, with the round tick values an axis shows. */
export interface LinearScale {
  domain: readonly [number, number];
  map: (value: number) => number;
  ticks: number[];
}

/** A step of 1, 2 or 5 times a power of ten that cuts `span` into about `count` parts. */
function niceStep(span: number, count: number): number {
  const raw = span / Math.max(count, 1);
  const power = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / power;
  const nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
  return nice * power;
}

/**
 * A scale whose domain is widened to round ticks around [min, max]. An empty
 * span (every value the same, or all zero) still gets a visible axis, so a
 * chart of zeros draws flat instead of dividing by zero.
 */
export function linearScale(min: number, max: number, range: readonly [number, number], tickCount = 5): LinearScale {
  const low = Math.min(min, max);
  let high = Math.max(min, max);
  if (high === low) high = low === 0 ? 1 : low + Math.abs(low);
  const step = niceStep(high - low, tickCount);
  const start = Math.floor(low / step) * step;
  const end = Math.ceil(high / step) * step;
  const ticks: number[] = [];
  // Counting steps (not adding floats) keeps tick values like 0.3 exact enough to print.
  for (let index = 0; start + index * step <= end + step / 1e6; index += 1) {
    ticks.push(Number((start + index * step).toPrecision(12)));
  }
  const [from, to] = range;
  const map = (value: number): number => from + ((value - start) / (end - start)) * (to - from);
  return { domain: [start, end], map, ticks };
}

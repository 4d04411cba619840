// A seeded pseudo-random stream and the few distributions the sample history
// draws from. Written out here (not a dependency) so the generated files depend
// only on this code and the seed: the same seed gives byte-identical files.

/** A stream of numbers in [0, 1). */
export type Rng = () => number;

/** mulberry32: a 32-bit state, good enough spread for sample data, and tiny. */
export function mulberry32(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 0x1_0000_0000;
  };
}

/**
 * The seed of one named stream (`support-refunds/facts`). Each policy and each
 * purpose draws from its own stream, so generating one policy alone gives the
 * same file as generating all four, and a change to the outcome model does not
 * move the facts.
 */
export function streamSeed(seed: number, label: string): number {
  let hash = 0x811c9dc5 ^ Math.imul(seed, 0x9e3779b1);
  for (let i = 0; i < label.length; i++) {
    hash ^= label.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  return hash >>> 0;
}

export function chance(rng: Rng, p: number): boolean {
  return rng() < p;
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)]!;
}

/** One of the values, in proportion to its weight (weights need not sum to 1). */
export function weighted<const T>(rng: Rng, table: readonly (readonly [T, number])[]): T {
  let total = 0;
  for (const [, weight] of table) total += weight;
  let r = rng() * total;
  for (const [value, weight] of table) {
    r -= weight;
    if (r < 0) return value;
  }
  return table[table.length - 1]![0];
}

/** A whole number in [min, max]. */
export function intBetween(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

/** Standard normal (Box–Muller, one of the pair). `1 - rng()` keeps log away from 0. */
export function normal(rng: Rng): number {
  return Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
}

/** Log-normal with the given median: most values near it, a long tail above. */
export function logNormal(rng: Rng, median: number, sigma: number): number {
  return median * Math.exp(sigma * normal(rng));
}

/**
 * An agent's confidence: 1 minus a log-normal gap, so most values sit in the
 * 0.9s and a thin tail reaches down. Two decimals, as agents report it.
 */
export function confidence(rng: Rng, medianGap: number, sigma: number): number {
  return round(clamp(1 - logNormal(rng, medianGap, sigma), 0.3, 0.99), 2);
}

export function clamp(x: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, x));
}

export function round(x: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(x * scale) / scale;
}

export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

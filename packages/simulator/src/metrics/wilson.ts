import type { Proportion } from '../types.js';

const Z95 = 1.959963984540054;

/**
 * `count` of `of` with its Wilson score interval at 95%: honest at small
 * counts and near 0 or 1, where the normal approximation is not.
 */
export function proportion(count: number, of: number): Proportion {
  if (of <= 0) return { count, of, rate: null, interval: null };
  const p = count / of;
  const z2 = Z95 * Z95;
  const centre = (p + z2 / (2 * of)) / (1 + z2 / of);
  const half = (Z95 * Math.sqrt((p * (1 - p)) / of + z2 / (4 * of * of))) / (1 + z2 / of);
  return { count, of, rate: p, interval: [Math.max(0, centre - half), Math.min(1, centre + half)] };
}

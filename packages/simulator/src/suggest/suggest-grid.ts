import type { CompiledPolicy } from '@oversight/core';

/** Grid intervals per threshold when the caller names none. */
export const DEFAULT_STEPS = 20;
/** More intervals than this is a typo, not a finer search (the whole grid is one replay). */
export const MAX_STEPS = 1000;

/** The values one threshold is tried at, ascending, the policy's own value among them. */
export interface ThresholdGrid {
  name: string;
  /** The value the policy as written gives it. */
  current: number;
  /** The range searched: the declared min and max, or the range derived when one is absent (see thresholdGrid). */
  lowest: number;
  highest: number;
  /** True when lowest or highest was derived rather than declared. */
  derivedRange: boolean;
  /** Ascending, distinct, `current` included. */
  values: number[];
}

/**
 * The grid one threshold is searched on: `steps` equal intervals from the
 * declared `min` to the declared `max` (steps + 1 values), plus the policy's
 * own value when it falls between grid values.
 *
 * Without a declared `min`, the range starts at min(0, 2 × value); without a
 * `max`, it ends at max(0, 2 × value): for a positive value, 0..2×value. A
 * threshold whose value, min and max are whole numbers (a count, an amount in
 * whole units) gets whole-number grid values. Values are rounded to 12
 * significant digits, so 0.5 + 16 × 0.025 is 0.9, not 0.9000000000000001.
 */
export function thresholdGrid(plan: CompiledPolicy, name: string, steps: number): ThresholdGrid {
  const declared = plan.policy.spec.thresholds ?? {};
  const threshold = Object.hasOwn(declared, name) ? declared[name] : undefined;
  if (threshold === undefined) {
    throw new TypeError(`policy '${plan.name}' has no threshold '${name}' (it has: ${plan.thresholdNames.join(', ') || 'none'})`);
  }
  const current = threshold.value;
  const lowest = Math.min(threshold.min ?? Math.min(0, 2 * current), current);
  const highest = Math.max(threshold.max ?? Math.max(0, 2 * current), current);
  const whole = [current, lowest, highest].every((value) => Number.isInteger(value));
  const values = new Set<number>([current]);
  if (highest > lowest) {
    for (let i = 0; i <= steps; i++) {
      const raw = i === steps ? highest : lowest + ((highest - lowest) * i) / steps;
      values.add(whole ? Math.round(raw) : Number(raw.toPrecision(12)));
    }
  }
  return {
    name,
    current,
    lowest,
    highest,
    derivedRange: threshold.min === undefined || threshold.max === undefined,
    values: [...values].sort((a, b) => a - b),
  };
}

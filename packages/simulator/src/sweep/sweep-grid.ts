import type { CompiledPolicy } from '@oversight/core';
import type { SweepRange } from '../types.js';
import type { Parsed } from '../budget/parse-budget.js';

/** More points than this is a typo in a step, not a sweep. */
export const MAX_POINTS = 10_000;
const RANGE = /^([A-Za-z][A-Za-z0-9_]*)=([^:]+):([^:]+):([^:]+)$/;

/** `autoRefundMax=0:500:25`: the threshold, from, to (inclusive) and step. */
export function parseSweepRange(text: string): Parsed<SweepRange> {
  const match = RANGE.exec(text.trim());
  const [from, to, step] = (match?.slice(2) ?? []).map(Number);
  if (match === null || ![from, to, step].every((value) => Number.isFinite(value))) {
    return { ok: false, message: `expected name=from:to:step, e.g. autoRefundMax=0:200:25, got '${text}'` };
  }
  if (step! <= 0) return { ok: false, message: `the step of '${text}' must be above 0` };
  if (to! < from!) return { ok: false, message: `'${text}' runs backwards: from must not be above to` };
  return { ok: true, value: { name: match[1]!, from: from!, to: to!, step: step! } };
}

/**
 * Every point of the grid (the product of the ranges), each a set of
 * threshold overrides. The ranges must name thresholds the policy declares,
 * within their declared min and max.
 */
export function sweepPoints(plan: CompiledPolicy, ranges: readonly SweepRange[]): Parsed<Record<string, number>[]> {
  const declared = plan.policy.spec.thresholds ?? {};
  const axes: { name: string; values: number[] }[] = [];
  for (const range of ranges) {
    const threshold = Object.hasOwn(declared, range.name) ? declared[range.name] : undefined;
    if (threshold === undefined) {
      return { ok: false, message: `policy '${plan.name}' has no threshold '${range.name}' (it has: ${plan.thresholdNames.join(', ') || 'none'})` };
    }
    if (axes.some((axis) => axis.name === range.name)) return { ok: false, message: `threshold '${range.name}' is varied twice` };
    if ((threshold.min !== undefined && range.from < threshold.min) || (threshold.max !== undefined && range.to > threshold.max)) {
      return { ok: false, message: `threshold '${range.name}' must stay within ${threshold.min ?? '-Infinity'}..${threshold.max ?? 'Infinity'}, the range asks for ${range.from}..${range.to}` };
    }
    axes.push({ name: range.name, values: steps(range) });
  }
  const total = axes.reduce((product, axis) => product * axis.values.length, 1);
  if (total > MAX_POINTS) return { ok: false, message: `the sweep has ${total} points, more than ${MAX_POINTS}: use larger steps or fewer thresholds` };
  let points: Record<string, number>[] = [{}];
  for (const axis of axes) points = points.flatMap((point) => axis.values.map((value) => ({ ...point, [axis.name]: value })));
  return { ok: true, value: points };
}

// from, from+step, ..., to: computed by multiplication and rounded to the step's
// decimals, so 0.8:0.99:0.01 gives 0.81, not 0.8100000000000001.
function steps({ from, to, step }: SweepRange): number[] {
  const decimals = Math.max(decimalsOf(from), decimalsOf(step));
  const count = Math.floor((to - from) / step + 1e-9) + 1;
  return Array.from({ length: count }, (_, i) => Number((from + i * step).toFixed(decimals)));
}

function decimalsOf(value: number): number {
  const text = String(value);
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : Math.min(12, text.length - dot - 1);
}

/** Marks the points no other point beats on both reviews and automated errors. */
export function markParetoFront<T extends { reviews: number; automatedErrors: number; pareto: boolean }>(points: T[]): T[] {
  for (const point of points) {
    point.pareto = !points.some(
      (other) =>
        other.reviews <= point.reviews &&
        other.automatedErrors <= point.automatedErrors &&
        (other.reviews < point.reviews || other.automatedErrors < point.automatedErrors),
    );
  }
  return points;
}

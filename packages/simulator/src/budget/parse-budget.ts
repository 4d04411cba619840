import type { Budgets } from '../types.js';

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const PERCENT = /^(\d+(?:\.\d+)?)%$/;
const COUNT = /^\d+$/;
const NUMBER = /^\d+(?:\.\d+)?%?$/;

/** `--max-escapes 5` (records) or `--max-escapes 0.5%` (of replayed records). */
export function parseEscapeBudget(text: string): Parsed<NonNullable<Budgets['maxEscapes']>> {
  const value = text.trim();
  if (COUNT.test(value)) return { ok: true, value: { count: Number(value) } };
  const percent = PERCENT.exec(value);
  if (percent !== null && Number(percent[1]) <= 100) return { ok: true, value: { rate: Number(percent[1]) / 100 } };
  return { ok: false, message: `expected a count of records (e.g. 5) or a percentage of replayed records (e.g. 0.5%), got '${text}'` };
}

/** A percentage, with or without `%`: `--max-review-increase 10`, `--min-fidelity 99.5%`. */
export function parsePercent(text: string, max = Number.POSITIVE_INFINITY): Parsed<number> {
  const value = text.trim();
  const number = Number(value.replace(/%$/, ''));
  if (!NUMBER.test(value) || !Number.isFinite(number) || number > max) {
    return { ok: false, message: `expected a percentage${max < Infinity ? ` from 0 to ${max}` : ''} (e.g. 10 or 10%), got '${text}'` };
  }
  return { ok: true, value: number };
}

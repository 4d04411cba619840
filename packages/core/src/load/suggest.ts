import { closest, distance } from 'fastest-levenshtein';

/** ` — did you mean 'route'?` when a known name is a likely typo of `given`, else ''. */
export function didYouMean(given: unknown, known: readonly string[]): string {
  if (typeof given !== 'string' || given === '' || known.length === 0) return '';
  const best = closest(given, known);
  const limit = Math.max(2, Math.floor(best.length / 3));
  return distance(given, best) <= limit ? ` — did you mean '${best}'?` : '';
}

/** A value as a person reads it in a message: strings quoted, others as JSON. */
export function show(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 60 ? text.slice(0, 57) + '...' : text;
}

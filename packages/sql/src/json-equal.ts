import type { Dialect, JsonRef } from './dialects/index.js';

/**
 * SQL that is TRUE when the JSON value `json` (never SQL NULL) is `===` the
 * scalar, FALSE otherwise, never NULL. The type is checked first because a
 * JSON string "5" casts to 5: without the guard '5' would equal 5. Numbers
 * compare as DOUBLE, as JavaScript compares them. Undefined when the scalar
 * cannot be written faithfully (a non-finite number, a NUL in a string).
 */
export function jsonEqualsScalar(dialect: Dialect, json: JsonRef, value: string | number | boolean | null): string | undefined {
  // A value of a known type (a typed column) is compared without type guards; NULL is not equal.
  const known = dialect.known?.(json);
  if (known !== undefined && value !== null) {
    const compared = knownComparison(dialect, json, known, value);
    if (compared === 'other type') return 'false';
    return compared === undefined ? undefined : `coalesce(${compared.read} = ${compared.literal}, false)`;
  }
  if (value === null) return `coalesce(${dialect.is(json, 'null')}, false)`;
  if (typeof value === 'boolean') return `coalesce(CASE WHEN ${dialect.is(json, 'boolean')} THEN ${dialect.boolean(json)} = ${String(value)} ELSE false END, false)`;
  if (typeof value === 'number') {
    const literal = dialect.number(value);
    return literal === undefined ? undefined : `coalesce(CASE WHEN ${dialect.is(json, 'numeric')} THEN ${dialect.double(json)} = ${literal} ELSE false END, false)`;
  }
  const literal = dialect.string(value);
  return literal === undefined ? undefined : `coalesce(CASE WHEN ${dialect.is(json, 'string')} THEN ${dialect.text(json)} = ${literal} ELSE false END, false)`;
}

/**
 * SQL that is TRUE when the JSON value at `json` equals one of `values`,
 * FALSE otherwise; undefined when a value has no literal in the dialect. A
 * value of a known type is tested with one IN list of the values of its type.
 */
export function jsonEqualsOneOf(dialect: Dialect, json: JsonRef, values: readonly Scalar[]): string | undefined {
  const known = dialect.known?.(json);
  if (known === undefined) {
    const tests = values.map((value) => jsonEqualsScalar(dialect, json, value));
    return tests.includes(undefined) ? undefined : tests.length === 0 ? 'false' : `(${tests.join(' OR ')})`;
  }
  const list = knownList(dialect, json, known, values.filter((value) => value !== null));
  const nulls = values.includes(null) ? [jsonEqualsScalar(dialect, json, null)!] : [];
  if (list === undefined) return undefined;
  const tests = [...nulls, ...(list.read === undefined ? [] : [`coalesce(${list.read} IN (${list.literals.join(', ')}), false)`])];
  return tests.length === 0 ? 'false' : `(${tests.join(' OR ')})`;
}

/**
 * The values of a known-typed value's own type, as literals with the read to
 * compare them with (`read IN (literals)`; no read when none is of its type);
 * undefined when a value has no literal in the dialect.
 */
export function knownList(dialect: Dialect, json: JsonRef, known: string, values: readonly Exclude<Scalar, null>[]): { read?: string; literals: string[] } | undefined {
  const literals: string[] = [];
  let read: string | undefined;
  for (const value of values) {
    const compared = knownComparison(dialect, json, known, value);
    if (compared === undefined) return undefined;
    if (compared === 'other type') continue;
    read = compared.read;
    literals.push(compared.literal);
  }
  return read === undefined ? { literals } : { read, literals };
}

export type Scalar = string | number | boolean | null;
export const isScalar = (value: unknown): value is Scalar =>
  value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

/**
 * How a value whose JSON type the dialect knows (`known`) is compared with a
 * scalar: the value read as the scalar's SQL type and the scalar's literal;
 * 'other type' when the scalar's type is not the value's (they are never
 * equal); undefined when the literal cannot be written.
 */
export function knownComparison(dialect: Dialect, json: JsonRef, known: string, value: Exclude<Scalar, null>): { read: string; literal: string } | 'other type' | undefined {
  if (typeof value === 'number') {
    if (known !== 'numeric') return 'other type';
    const literal = dialect.number(value);
    return literal === undefined ? undefined : { read: dialect.double(json), literal };
  }
  if (typeof value !== known) return 'other type';
  if (typeof value === 'boolean') return { read: dialect.boolean(json), literal: String(value) };
  const literal = dialect.string(value);
  return literal === undefined ? undefined : { read: dialect.text(json), literal };
}

import { NUMERIC_TYPES, sqlNumber, sqlString } from './sql-literal.js';

/**
 * SQL that is TRUE when the JSON value `json` (never SQL NULL) is `===` the
 * scalar, FALSE otherwise, never NULL. The type is checked first because a
 * JSON string "5" casts to 5: without the guard '5' would equal 5. Numbers
 * compare as DOUBLE, as JavaScript compares them. Undefined when the scalar
 * cannot be written faithfully (a non-finite number, a NUL in a string).
 */
export function jsonEqualsScalar(json: string, value: string | number | boolean | null): string | undefined {
  const type = `json_type(${json})`;
  if (value === null) return `coalesce(${type} = 'NULL', false)`;
  if (typeof value === 'boolean') return `coalesce(CASE WHEN ${type} = 'BOOLEAN' THEN TRY_CAST(${json} AS BOOLEAN) = ${String(value)} ELSE false END, false)`;
  if (typeof value === 'number') {
    const literal = sqlNumber(value);
    return literal === undefined ? undefined : `coalesce(CASE WHEN ${type} IN ${NUMERIC_TYPES} THEN TRY_CAST(${json} AS DOUBLE) = ${literal} ELSE false END, false)`;
  }
  const literal = sqlString(value);
  return literal === undefined ? undefined : `coalesce(CASE WHEN ${type} = 'VARCHAR' THEN json_extract_string(${json}, '$') = ${literal} ELSE false END, false)`;
}

export type Scalar = string | number | boolean | null;
export const isScalar = (value: unknown): value is Scalar =>
  value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

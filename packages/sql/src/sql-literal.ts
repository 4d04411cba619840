// Everything a policy file contributes to the SQL text passes through here:
// strings become single-quoted literals with quotes doubled, numbers become
// DOUBLE literals parsed from JavaScript's own shortest round-trip text, and
// JSON locations become JSON Pointers (RFC 6901) inside string literals.
// Nothing from the facts ever reaches the SQL text: they are the table's data.

/** A SQL string literal; undefined when the text has a NUL, which DuckDB strings cannot hold. */
export function sqlString(text: string): string | undefined {
  if (text.includes('\u0000')) return undefined;
  return `'${text.replaceAll("'", "''")}'`;
}

/**
 * A DOUBLE literal equal to the JavaScript number: String(n) round-trips, and
 * DuckDB parses it correctly rounded, so 0.1 here is JavaScript's 0.1 (a bare
 * 0.1 would be a DECIMAL). Undefined for NaN and the infinities.
 */
export function sqlNumber(value: number): string | undefined {
  if (!Number.isFinite(value)) return undefined;
  return `CAST('${String(value)}' AS DOUBLE)`;
}

/** A JSON Pointer from keys and indexes: `~` and `/` escaped, as RFC 6901 says. */
export function jsonPointer(segments: readonly (string | number)[]): string {
  return segments.map((segment) => '/' + String(segment).replaceAll('~', '~0').replaceAll('/', '~1')).join('');
}

/** The JSON value at `segments` under the JSON expression `json`: SQL NULL when absent, JSON null when null. */
export function jsonAt(json: string, segments: readonly (string | number)[]): string | undefined {
  const pointer = sqlString(jsonPointer(segments));
  return pointer === undefined ? undefined : `json_extract(${json}, ${pointer})`;
}

export const NUMERIC_TYPES = `('BIGINT', 'UBIGINT', 'DOUBLE')`;

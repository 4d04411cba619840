import { jsonAt, jsonPointer, NUMERIC_TYPES, sqlNumber, sqlString } from '../sql-literal.js';
import { isPortablePattern } from '../safe-pattern.js';
import type { Dialect, JsonRef, JsonType } from './dialect.js';

const type = (ref: JsonRef) => `json_type(${ref.sql})`;
const double = (ref: JsonRef) => `TRY_CAST(${ref.sql} AS DOUBLE)`;
const TYPES: Record<JsonType, (ref: JsonRef) => string> = {
  string: (ref) => `${type(ref)} = 'VARCHAR'`,
  numeric: (ref) => `${type(ref)} IN ${NUMERIC_TYPES}`,
  // ajv's numbers are finite: 1e400 parses to Infinity in JavaScript, and DuckDB cannot cast it to DOUBLE.
  number: (ref) => `(${type(ref)} IN ${NUMERIC_TYPES} AND coalesce(isfinite(${double(ref)}), false))`,
  // ajv's integer is any finite number with no fraction: 1.0 and 1e21 are integers.
  integer: (ref) => `(${type(ref)} IN ('BIGINT', 'UBIGINT') OR (${type(ref)} = 'DOUBLE' AND coalesce(${double(ref)} = floor(${double(ref)}), false)))`,
  boolean: (ref) => `${type(ref)} = 'BOOLEAN'`,
  null: (ref) => `${type(ref)} = 'NULL'`,
  array: (ref) => `${type(ref)} = 'ARRAY'`,
  object: (ref) => `${type(ref)} = 'OBJECT'`,
};

/** A VARCHAR list literal, typed even when empty. */
const list = (literals: readonly string[]) => `CAST([${literals.join(', ')}] AS VARCHAR[])`;

/** DuckDB: facts is a JSON column, read with json_type and JSON Pointers; RE2 regexes. */
export const duckdb: Dialect = {
  name: 'duckdb',
  string: sqlString,
  number: sqlNumber,
  root: { sql: 'facts' },
  at: (ref, segments) => {
    const sql = jsonAt(ref.sql, segments);
    return sql === undefined ? { refused: 'it holds a NUL character' } : { sql };
  },
  unknown: (ref) => `coalesce(${type(ref)}, 'NULL') = 'NULL'`,
  absent: (ref) => `${ref.sql} IS NULL`,
  is: (ref, name) => TYPES[name](ref),
  double,
  text: (ref) => `json_extract_string(${ref.sql}, '$')`,
  boolean: (ref) => `TRY_CAST(${ref.sql} AS BOOLEAN)`,
  // DuckDB's length() counts code points, as ajv does.
  textLength: (text) => `length(${text})`,
  matches: (text, pattern) => (isPortablePattern(pattern) ? `regexp_matches(${text}, ${sqlString(pattern)!})` : undefined),
  arrayLength: (ref) => `json_array_length(${ref.sql})`,
  everyItem: (ref, _schema, depth, check) => `len(list_filter(json_extract(${ref.sql}, '$[*]'), lambda e${depth}: NOT (${check({ sql: `e${depth}` })}))) = 0`,
  containsItem: (ref, _value, equals) => {
    const equal = equals({ sql: 'item' });
    return equal === undefined ? undefined : `(json_type(${ref.sql}) = 'ARRAY' AND len(list_filter(json_extract(${ref.sql}, '$[*]'), lambda item: ${equal})) > 0)`;
  },
  uniqueStrings: (ref) => `len(list_distinct(json_extract_string(${ref.sql}, '$[*]'))) = json_array_length(${ref.sql})`,
  keysAmong: (ref, names, depth) => `len(list_filter(json_keys(${ref.sql}), lambda k${depth}: NOT list_contains(${list(names)}, k${depth}))) = 0`,
  hasKey: (ref, name) => {
    const field = jsonAt(ref.sql, [name]);
    return field === undefined ? undefined : `${field} IS NOT NULL`;
  },
  // JavaScript keeps a repeated key's last value and DuckDB its first.
  repeatsKey: (ref) => `len(list_distinct(json_keys(${ref.sql}))) <> len(json_keys(${ref.sql}))`,
  idList: (items) => `list_filter(${list(items)}, lambda id: id IS NOT NULL)`,
  passThrough: 'exclude',
  rootFrom: (key) => key,
};

/** The column holding each declared fact's JSON, extracted in one parse of the facts. */
const VALUES = 'oversight_values';

/**
 * DuckDB reading each declared fact once: every json_extract parses the whole
 * facts text, and a policy reads its facts dozens of times a row. A first stage
 * extracts them all in one call (`prepare`); the value at a declared fact (and
 * any path under it) is then read from that fact's JSON alone.
 */
export function duckdbReading(facts: readonly string[]): Dialect {
  const index = new Map<string, number>();
  for (const name of facts) if (!name.includes('\u0000') && !index.has(name)) index.set(name, index.size + 1);
  const pointers = [...index.keys()].map((name) => sqlString(jsonPointer([name]))!);
  return {
    ...duckdb,
    at: (ref, segments) => {
      const first = segments[0];
      const slot = ref === duckdb.root && typeof first === 'string' ? index.get(first) : undefined;
      if (slot === undefined) return duckdb.at(ref, segments);
      const value = `${VALUES}[${slot}]`;
      return segments.length === 1 ? { sql: value } : duckdb.at({ sql: value }, segments.slice(1));
    },
    prepare: pointers.length === 0 ? undefined : { column: VALUES, sql: `json_extract(facts, [${pointers.join(', ')}])` },
  };
}

import type { ColumnType } from '../column-type.js';
import { sqlString } from '../sql-literal.js';
import type { Dialect, JsonRef, JsonType } from './dialect.js';
import { duckdb } from './duckdb.js';

// DuckDB over facts held as typed columns (a Parquet STRUCT): values are read
// with struct_extract and list_extract and typed by their column, so no row
// is parsed. A SQL NULL in a struct field is an absent key; a NULL list item
// is a JSON null. A JSON column, or a type with no JSON counterpart (DATE,
// MAP, FLOAT...), is read by the JSON dialect as to_json writes it.

type Typed = Exclude<ColumnType, { kind: 'json' | 'other' }>;
const typed = (ref: JsonRef): Typed | undefined => (ref.column === undefined || ref.column.kind === 'json' || ref.column.kind === 'other' ? undefined : ref.column);
/** A value the JSON dialect reads: a JSON column as it is, another type as to_json writes it. */
const asJson = (ref: JsonRef): JsonRef => (ref.column === undefined || ref.column.kind === 'json' ? { sql: ref.sql } : { sql: `to_json(${ref.sql})` });
const ABSENT: JsonRef = { sql: 'CAST(NULL AS BOOLEAN)', column: { kind: 'boolean' } };

// The JSON types a present value of each column kind has; a NULL list item is JSON null.
const TYPE_TESTS: Record<Typed['kind'], Partial<Record<JsonType, (sql: string) => string>>> = {
  boolean: { boolean: (sql) => `${sql} IS NOT NULL` },
  integer: { numeric: (sql) => `${sql} IS NOT NULL`, number: (sql) => `${sql} IS NOT NULL`, integer: (sql) => `${sql} IS NOT NULL` },
  // ajv's number is finite, and its integer any finite number with no fraction.
  double: { numeric: (sql) => `${sql} IS NOT NULL`, number: (sql) => `isfinite(${sql})`, integer: (sql) => `(isfinite(${sql}) AND ${sql} = floor(${sql}))` },
  varchar: { string: (sql) => `${sql} IS NOT NULL` },
  list: { array: (sql) => `${sql} IS NOT NULL` },
  struct: { object: (sql) => `${sql} IS NOT NULL` },
};

const KNOWN = { boolean: 'boolean', integer: 'numeric', double: 'numeric', varchar: 'string', list: 'array', struct: 'object' } as const;

const unknown = (ref: JsonRef): string => (typed(ref) === undefined ? duckdb.unknown(asJson(ref)) : `(${ref.sql} IS NULL)`);

function field(ref: JsonRef, column: Extract<ColumnType, { kind: 'struct' }>, name: string): JsonRef | { refused: string } | undefined {
  const found = column.fields.find(([candidate]) => candidate === name);
  if (found === undefined) return undefined;
  const literal = sqlString(name);
  return literal === undefined ? { refused: 'it holds a NUL character' } : { sql: `struct_extract(${ref.sql}, ${literal})`, column: found[1] };
}

/** The DuckDB dialect for a facts column of type `facts` (a STRUCT, as a Parquet history holds it). */
export function duckdbColumns(facts: ColumnType): Dialect {
  return {
    ...duckdb,
    root: { sql: 'facts', column: facts },
    at: (ref, segments) => {
      let current = ref;
      for (const [i, segment] of segments.entries()) {
        const column = typed(current);
        if (column === undefined) return duckdb.at(asJson(current), segments.slice(i));
        // Core reads own keys: a number on an object reads the key "0", a name on a list or scalar nothing.
        if (column.kind === 'struct') {
          const next = field(current, column, String(segment));
          if (next === undefined) return ABSENT;
          if ('refused' in next) return next;
          current = next;
        } else if (column.kind === 'list' && typeof segment === 'number') {
          current = { sql: `list_extract(${current.sql}, ${segment + 1})`, column: column.item };
        } else {
          return ABSENT;
        }
      }
      return current;
    },
    unknown,
    known: (ref) => {
      const column = typed(ref);
      return column === undefined ? undefined : KNOWN[column.kind];
    },
    // A struct field that is NULL, or JSON null in a JSON column, is absent: a Parquet row cannot tell them apart.
    // Inside a JSON value, JSON null is present, as in any JSON record.
    absent: (ref) => (ref.column === undefined ? duckdb.absent(ref) : unknown(ref)),
    is: (ref, type) => {
      const column = typed(ref);
      if (column === undefined) return duckdb.is(asJson(ref), type);
      if (type === 'null') return `(${ref.sql} IS NULL)`;
      const test = TYPE_TESTS[column.kind][type];
      return test === undefined ? 'false' : `(${test(ref.sql)})`;
    },
    // A value of another type is never read as a number, text or boolean (its type test is false), but must still bind.
    double: (ref) => {
      const column = typed(ref);
      if (column === undefined) return duckdb.double(asJson(ref));
      return column.kind === 'integer' || column.kind === 'double' ? `CAST(${ref.sql} AS DOUBLE)` : 'CAST(NULL AS DOUBLE)';
    },
    text: (ref) => {
      const column = typed(ref);
      if (column === undefined) return duckdb.text(asJson(ref));
      return column.kind === 'varchar' ? ref.sql : 'CAST(NULL AS VARCHAR)';
    },
    boolean: (ref) => {
      const column = typed(ref);
      if (column === undefined) return duckdb.boolean(asJson(ref));
      return column.kind === 'boolean' ? ref.sql : 'CAST(NULL AS BOOLEAN)';
    },
    arrayLength: (ref) => {
      const column = typed(ref);
      if (column === undefined) return duckdb.arrayLength(asJson(ref));
      return column.kind === 'list' ? `len(${ref.sql})` : 'CAST(NULL AS BIGINT)';
    },
    everyItem: (ref, schema, depth, check) => {
      const column = typed(ref);
      if (column === undefined) return duckdb.everyItem(asJson(ref), schema, depth, check);
      if (column.kind !== 'list') return 'true';
      return `len(list_filter(${ref.sql}, lambda e${depth}: NOT (${check({ sql: `e${depth}`, column: column.item })}))) = 0`;
    },
    containsItem: (ref, value, equals) => {
      const column = typed(ref);
      if (column === undefined) return duckdb.containsItem(asJson(ref), value, equals);
      if (column.kind !== 'list') return 'false';
      const equal = equals({ sql: 'item', column: column.item });
      return equal === undefined ? undefined : `coalesce(len(list_filter(${ref.sql}, lambda item: ${equal})) > 0, false)`;
    },
    uniqueStrings: (ref) => {
      const column = typed(ref);
      if (column === undefined) return duckdb.uniqueStrings(asJson(ref));
      return column.kind === 'list' ? `len(list_distinct(${ref.sql})) = len(${ref.sql})` : 'true';
    },
    keysAmong: (ref, names, depth) => {
      const column = typed(ref);
      if (column === undefined) return duckdb.keysAmong(asJson(ref), names, depth);
      if (column.kind !== 'struct') return 'true';
      const others = column.fields.filter(([name]) => !names.includes(sqlString(name) ?? ''));
      const present = others.map(([name]) => {
        const value = field(ref, column, name);
        // A field no literal can name cannot be read: counted present, so the record fails closed.
        return value === undefined || 'refused' in value ? 'true' : `NOT ${unknown(value)}`;
      });
      return present.length === 0 ? 'true' : `NOT (${present.join(' OR ')})`;
    },
    hasKey: (ref, name) => {
      const column = typed(ref);
      if (column === undefined) return duckdb.hasKey(asJson(ref), name);
      if (column.kind !== 'struct') return 'false';
      const value = field(ref, column, name);
      if (value === undefined) return 'false';
      return 'refused' in value ? undefined : `NOT ${unknown(value)}`;
    },
    repeatsKey: (ref) => (typed(ref) === undefined ? duckdb.repeatsKey(asJson(ref)) : 'false'),
  };
}

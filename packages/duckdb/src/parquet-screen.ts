// Which rows of a Parquet history DuckDB may take as valid history records
// without asking the simulator's own reader, from the row's column types: the
// typed counterpart of record-screen.ts. Sound, not complete: a row it passes
// is one parseRecord accepts as the JSON the row stands for (canonical-record);
// any other row (a JSON column set, an escalation, a NaN, a text too long) is
// handed to parseRecord, which has the last word.
import { historyRecordSchema, JSON_LIMITS } from '@oversight/core';
import { sqlString, type ColumnType } from '@oversight/sql';
import { DATE_TIME, DECISIONS, HASH, ROUTES } from './record-screen.js';

export type Shape =
  | { is: 'text'; length?: [number, number]; pattern?: string; oneOf?: readonly string[] }
  | { is: 'whole'; range: [number, number] }
  | { is: 'boolean' }
  | { is: 'texts' }
  | { is: 'object'; fields: Record<string, Shape>; required: readonly string[] }
  | { is: 'facts' };

const TEXT: Shape = { is: 'text' };
const MOMENT: Shape = { is: 'text', pattern: DATE_TIME };
const DIGEST: Shape = { is: 'text', pattern: HASH };
/** The fields the screen checks, as the history record schema constrains them; a row setting any other schema field goes to parseRecord. */
export const RECORD_SHAPE: Shape = {
  is: 'object',
  required: ['decisionId', 'at', 'policy', 'facts', 'route'],
  fields: {
    decisionId: { is: 'text', length: [1, 256] },
    at: MOMENT,
    policy: { is: 'object', required: ['name', 'version'], fields: { name: TEXT, version: { is: 'whole', range: [1, Number.MAX_SAFE_INTEGER] }, hash: TEXT } },
    facts: { is: 'facts' },
    route: { is: 'text', oneOf: ROUTES },
    rules: { is: 'texts' },
    outcome: {
      is: 'object',
      required: ['decision'],
      fields: { decision: { is: 'text', oneOf: DECISIONS }, reason: TEXT, reviewer: TEXT, turnaroundSeconds: { is: 'whole', range: [0, 31_536_000] }, reviewerId: TEXT, factsHash: DIGEST },
    },
    audit: { is: 'boolean' },
    downstream: { is: 'object', required: [], fields: { error: { is: 'boolean' } } },
    settledAt: MOMENT,
    decisionKey: TEXT,
    linkedTo: TEXT,
    editedBy: TEXT,
    reroutedTo: TEXT,
    factsHash: DIGEST,
    prev: DIGEST,
  },
};
// Schema fields the screen leaves to parseRecord, and `event`, which makes a row a log event.
const UNSCREENED = new Set([...Object.keys(historyRecordSchema.properties), 'event']);

type Struct = Extract<ColumnType, { kind: 'struct' }>;
const name = (text: string) => sqlString(text) ?? "''";
// The row itself is no struct: its fields are the relation's columns.
const field = (sql: string, key: string) => (sql === '' ? identifier(key) : `struct_extract(${sql}, ${name(key)})`);

/** TRUE when a value of type `type` at `sql` plainly meets `shape`; `sql` is never NULL here. */
function meets(shape: Shape, sql: string, type: ColumnType, depth: number): string {
  switch (shape.is) {
    case 'text': {
      // A timestamp is written as its instant in ISO 8601 (TIMESTAMP_JSON): a date-time whenever its year has four digits.
      if (shape.pattern === DATE_TIME && type.kind === 'other' && isTimestamp(type.name)) return `year(${utc(sql, type.name)}) BETWEEN 1 AND 9999`;
      if (type.kind !== 'varchar') return 'false';
      const tests = [
        // Bytes bound characters from above (strlen reads a stored size; length counts): a short text in many bytes goes to parseRecord.
        ...(shape.length === undefined ? [] : [`strlen(${sql}) BETWEEN ${shape.length[0]} AND ${shape.length[1]}`]),
        ...(shape.pattern === undefined ? [] : [`regexp_full_match(${sql}, ${name(shape.pattern)})`]),
        ...(shape.oneOf === undefined ? [] : [`${sql} IN (${shape.oneOf.map(name).join(', ')})`]),
      ];
      return tests.length === 0 ? 'true' : tests.join(' AND ');
    }
    case 'whole':
      return type.kind === 'integer' ? `${sql} BETWEEN ${shape.range[0]} AND ${shape.range[1]}` : 'false';
    case 'boolean':
      return type.kind === 'boolean' ? 'true' : 'false';
    case 'texts':
      return type.kind === 'list' && type.item.kind === 'varchar' ? `len(list_filter(${sql}, lambda t${depth}: t${depth} IS NULL)) = 0` : 'false';
    case 'facts':
      return type.kind === 'struct' && typedDepth(type) < JSON_LIMITS.maxDepth - 1 ? plainValue(sql, type, depth) : 'false';
    case 'object': {
      if (type.kind !== 'struct') return 'false';
      const names = new Set(type.fields.map(([key]) => key));
      if (!shape.required.every((key) => names.has(key))) return 'false';
      return objectTests(type.fields, (key) => field(sql, key), shape, depth).join(' AND ') || 'true';
    }
  }
}

type ObjectShape = Extract<Shape, { is: 'object' }>;
const shapeOf = (shape: ObjectShape, key: string): Shape | undefined => (Object.hasOwn(shape.fields, key) ? shape.fields[key] : undefined);

// A field of a checked shape meets it (and is set, when required); `other` says what any other field must be.
function objectTests(fields: Struct['fields'], valueOf: (key: string) => string, shape: ObjectShape, depth: number, other = (value: string, _type: ColumnType, _key: string) => `${value} IS NULL`): string[] {
  return fields.map(([key, type]) => {
    const value = valueOf(key);
    const known = shapeOf(shape, key);
    if (known === undefined) return other(value, type, key);
    const test = `coalesce(${meets(known, value, type, depth + 1)}, false)`;
    return shape.required.includes(key) ? `(${value} IS NOT NULL AND ${test})` : `(${value} IS NULL OR ${test})`;
  });
}

/** TRUE when a typed value holds only what JSON can: finite numbers, and no JSON or other-typed part set (those the screen cannot see into). */
function plainValue(sql: string, type: ColumnType, depth: number): string {
  switch (type.kind) {
    case 'double':
      return `coalesce(isfinite(${sql}), true)`;
    case 'json':
    case 'other':
      return `${sql} IS NULL`;
    case 'list': {
      const item = plainValue(`p${depth}`, type.item, depth + 1);
      return item === 'true' ? 'true' : `coalesce(len(list_filter(${sql}, lambda p${depth}: NOT (${item}))) = 0, true)`;
    }
    case 'struct':
      return type.fields.map(([key, fieldType]) => plainValue(field(sql, key), fieldType, depth)).filter((test) => test !== 'true').join(' AND ') || 'true';
    default:
      return 'true';
  }
}

// The nesting the typed parts can have; a JSON or other part is never plain, so it adds none.
function typedDepth(type: ColumnType): number {
  if (type.kind === 'list') return 1 + typedDepth(type.item);
  if (type.kind === 'struct') return 1 + Math.max(0, ...type.fields.map(([, fieldType]) => typedDepth(fieldType)));
  return 0;
}

/**
 * The characters a plain value's JSON takes at most, apart from its texts and
 * list items (keys, punctuation, numbers), as if every field were set.
 */
function fixedLength(type: ColumnType): number {
  switch (type.kind) {
    case 'boolean':
      return 5;
    case 'integer':
      return 20;
    case 'double':
      return 25;
    case 'varchar':
    case 'list':
      return 2;
    case 'struct':
      return 2 + type.fields.reduce((sum, [key, fieldType]) => sum + JSON.stringify(key).length + 2 + fixedLength(fieldType), 0);
    default:
      // A timestamp's ISO text; any other type is never plain when set (plainValue): parseRecord measures it.
      return type.kind === 'other' && isTimestamp(type.name) ? TIMESTAMP_JSON_LENGTH : 0;
  }
}

/** SQL for the rest of the length: six characters at most for each byte of text (JSON.stringify's longest escape), and each list's items. */
function variableLength(sql: string, type: ColumnType, depth: number): string[] {
  switch (type.kind) {
    case 'varchar':
      return [`6 * coalesce(strlen(${sql}), 0)`];
    case 'list': {
      const item = variableLength(`b${depth}`, type.item, depth + 1);
      const each = fixedLength(type.item) + 1;
      if (item.length === 0) return [`${each} * coalesce(len(${sql}), 0)`];
      return [`coalesce(list_sum(list_transform(${sql}, lambda b${depth}: ${each} + ${item.join(' + ')})), 0)`];
    }
    case 'struct':
      return type.fields.flatMap(([key, fieldType]) => variableLength(field(sql, key), fieldType, depth));
    default:
      return [];
  }
}

/** The JSON length of `strftime(x, TIMESTAMP_JSON)` with its quotes. */
const TIMESTAMP_JSON_LENGTH = 29;
/** How a row's timestamp is written as JSON: its instant in UTC, ISO 8601 (`at` and `settledAt` are date-times). */
export const TIMESTAMP_JSON = `'%Y-%m-%dT%H:%M:%S.%fZ'`;
const isTimestamp = (name: string) => name === 'TIMESTAMP' || name === 'TIMESTAMP WITH TIME ZONE';
const utc = (sql: string, name: string) => (name === 'TIMESTAMP' ? sql : `timezone('UTC', ${sql})`);

/** A top-level timestamp column as the JSON text a row stands for; undefined for another type. */
export function timestampText(sql: string, type: ColumnType): string | undefined {
  return type.kind === 'other' && isTimestamp(type.name) ? `strftime(${utc(sql, type.name)}, ${TIMESTAMP_JSON})` : undefined;
}

/**
 * TRUE when the row (columns typed `row`, read by name from the relation)
 * is plainly a valid history record; never NULL.
 */
export function plainRowSql(row: Struct): string {
  const shape = RECORD_SHAPE as ObjectShape;
  const names = new Set(row.fields.map(([key]) => key));
  if (!shape.required.every((key) => names.has(key))) return 'false';
  // A column the schema does not name is any JSON scalar to parseRecord; a set JSON or list one may be too deep.
  const other = (sql: string, type: ColumnType, key: string) => (UNSCREENED.has(key) || !SCALARS.has(type.kind) ? `${sql} IS NULL` : plainValue(sql, type, 0));
  const tests = objectTests(row.fields, identifier, shape, -1, other);
  const length = [String(fixedLength(row)), ...variableLength('', row, 0)];
  return `(${tests.join('\n    AND ')}\n    AND ${length.join(' + ')} < ${JSON_LIMITS.maxLength})`;
}

const SCALARS = new Set(['boolean', 'integer', 'double', 'varchar']);

/** A column name as a SQL identifier. */
export const identifier = (key: string): string => `"${key.replaceAll('"', '""')}"`;

// Which rows of a Parquet history DuckDB may take as valid history records
// without asking the simulator's own reader, from the row's column types: the
// typed counterpart of record-screen.ts. Sound, not complete: a row it passes
// is one parseRecord accepts as the JSON the row stands for (canonical-record);
// any other row (a JSON column set, an escalation, a NaN, a text too long) is
// handed to parseRecord, which has the last word.
import { historyRecordSchema, JSON_LIMITS } from '@oversight/core';
import { sqlString, type ColumnType } from '@oversight/sql';
import { DATE_TIME, DECISIONS, HASH, ROUTES } from './record-screen.js';

type Shape =
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
const field = (sql: string, key: string) => `struct_extract(${sql}, ${name(key)})`;

/** TRUE when a value of type `type` at `sql` plainly meets `shape`; `sql` is never NULL here. */
function meets(shape: Shape, sql: string, type: ColumnType, depth: number): string {
  switch (shape.is) {
    case 'text': {
      if (type.kind !== 'varchar') return 'false';
      const tests = [
        ...(shape.length === undefined ? [] : [`length(${sql}) BETWEEN ${shape.length[0]} AND ${shape.length[1]}`]),
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
 * At least the length of the JSON text a plain value is written as (JSON.stringify
 * escapes a character into at most six): a row whose bound passes parseJson's
 * limit is left to parseRecord, which measures.
 */
function lengthBound(sql: string, type: ColumnType, depth: number): string {
  switch (type.kind) {
    case 'boolean':
      return '5';
    case 'integer':
      return '20';
    case 'double':
      return '25';
    case 'varchar':
      return `(2 + 6 * strlen(${sql}))`;
    case 'list':
      return `(2 + len(${sql}) + coalesce(list_sum(list_transform(${sql}, lambda b${depth}: coalesce(${lengthBound(`b${depth}`, type.item, depth + 1)}, 4))), 0))`;
    case 'struct':
      return `(2 + ${type.fields.map(([key, fieldType]) => `coalesce(${JSON.stringify(key).length + 2} + ${lengthBound(field(sql, key), fieldType, depth)}, 0)`).join(' + ') || '0'})`;
    default:
      // Never plain when set (plainValue): its length is parseRecord's to measure.
      return '0';
  }
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
  const bound = row.fields.map(([key, type]) => `coalesce(${JSON.stringify(key).length + 2} + ${lengthBound(identifier(key), type, 0)}, 0)`);
  return `(${tests.join('\n    AND ')}\n    AND 2 + ${bound.join(' + ')} < ${JSON_LIMITS.maxLength})`;
}

const SCALARS = new Set(['boolean', 'integer', 'double', 'varchar']);

/** A column name as a SQL identifier. */
export const identifier = (key: string): string => `"${key.replaceAll('"', '""')}"`;

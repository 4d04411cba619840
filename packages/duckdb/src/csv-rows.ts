// A CSV history as typed rows, the form a Parquet history has: a row a
// record, a header naming the fields, a dotted name a field of an object
// (`facts.amount`, `outcome.decision`), an empty cell an absent field. The
// record's text fields (and facts a policy declares strings) are read as
// text; every other column, date-times too, is typed as DuckDB's CSV reader
// types it (so a column of numbers holds numbers). A column named for a whole
// object or list (`facts`, `outcome`, `rules`...) holds its JSON text.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { FactSchema } from '@oversight/core';
import { sqlString } from '@oversight/sql';
import { HistoryFormatError, type HistoryFile } from './history-tables.js';
import { identifier, RECORD_SHAPE, type Shape } from './parquet-screen.js';
import { DATE_TIME } from './record-screen.js';

/** A file's columns as a tree of fields: a leaf is a column's name, a branch an object's fields. */
type Field = { column: string } | { fields: Map<string, Field> };

/** The facts every replayed policy would read as text: those any of them declares a string. */
export function textFactsOf(factSchemas: readonly Record<string, FactSchema>[]): Set<string> {
  const text = new Set<string>();
  for (const facts of factSchemas) {
    for (const [name, schema] of Object.entries(facts)) if (isTextSchema(schema)) text.add(name);
  }
  return text;
}

const isTextSchema = (schema: FactSchema): boolean => {
  const { type, enum: values } = schema as { type?: unknown; enum?: unknown };
  return type === 'string' || (Array.isArray(values) && values.length > 0 && values.every((value) => typeof value === 'string'));
};

/**
 * Reads one CSV file into a table (its rows in file order) and returns the
 * SELECT of its rows as `openTypedRows` unions them: `oversight_pos`, then
 * each top-level field. A row's place is its line, counting the header,
 * when no quoted cell spans lines.
 */
export async function csvRowsSelect(connection: DuckDBConnection, file: HistoryFile, src: number, textFacts: ReadonlySet<string>): Promise<string> {
  const path = sqlString(file.path);
  if (path === undefined) throw new HistoryFormatError(`${file.name}: a path with a NUL character cannot be read`);
  const table = `oversight_csv_${src}`;
  const read = (types: string) => `read_csv(${path}, header = true${types})`;
  const columns = await described(connection, file, `SELECT * FROM ${read('')} LIMIT 0`);
  const root = fieldTree(file, columns);
  const text = columns.filter((column) => readsAsText(column.split('.'), textFacts));
  const types = text.length === 0 ? '' : `, types = {${text.map((column) => `${sqlString(column)}: 'VARCHAR'`).join(', ')}}`;
  await runOn(connection, file, `CREATE OR REPLACE TEMP TABLE ${table} AS SELECT * FROM ${read(types)}`);
  const top = [...root.fields].map(([key, field]) => `${valueSql(field, [key])} AS ${identifier(key)}`);
  return `SELECT (${src}::BIGINT << 40) + rowid + 2 AS oversight_pos${top.map((column) => `, ${column}`).join('')} FROM ${table}`;
}

async function described(connection: DuckDBConnection, file: HistoryFile, sql: string): Promise<string[]> {
  try {
    return (await connection.runAndReadAll(sql)).columnNames();
  } catch (error) {
    throw new HistoryFormatError(`${file.name}: not a CSV history DuckDB can read (${firstLine(error)}); a CSV history has a header row naming the record's fields`);
  }
}

async function runOn(connection: DuckDBConnection, file: HistoryFile, sql: string): Promise<void> {
  try {
    await connection.run(sql);
  } catch (error) {
    throw new HistoryFormatError(`${file.name}: ${firstLine(error)}`);
  }
}

const firstLine = (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0]!;

/** The columns as nested fields; a name that is both a field and an object of fields is refused. */
function fieldTree(file: HistoryFile, columns: readonly string[]): { fields: Map<string, Field> } {
  const root = { fields: new Map<string, Field>() };
  for (const column of columns) {
    const path = column.split('.');
    let node = root;
    path.forEach((key, i) => {
      const found = node.fields.get(key);
      const last = i === path.length - 1;
      if (found !== undefined && (last || 'column' in found)) {
        const other = 'column' in found ? found.column : columns.find((name) => name.startsWith(`${path.slice(0, i + 1).join('.')}.`));
        throw new HistoryFormatError(`${file.name}: columns '${other}' and '${column}' both set ${path.slice(0, i + 1).join('.')}: keep one (a dotted name is a field of an object)`);
      }
      if (last) node.fields.set(key, { column });
      else {
        const branch = found ?? { fields: new Map<string, Field>() };
        node.fields.set(key, branch);
        node = branch;
      }
    });
  }
  return root;
}

/**
 * Whether a column is read as text: a text field of the record, a whole
 * object or list of it (as JSON), or a fact declared a string. A date-time is
 * left to the reader, which takes an export's `2026-10-02 00:00:52` as a
 * timestamp (in UTC, as a Parquet one).
 */
function readsAsText(path: readonly string[], textFacts: ReadonlySet<string>): boolean {
  if (path.length === 2 && path[0] === 'facts') return textFacts.has(path[1]!);
  const shape = shapeAt(path);
  return shape !== undefined && shape.is !== 'whole' && shape.is !== 'boolean' && !(shape.is === 'text' && shape.pattern === DATE_TIME);
}

function shapeAt(path: readonly string[]): Shape | undefined {
  let shape: Shape | undefined = RECORD_SHAPE;
  for (const key of path) shape = shape?.is === 'object' && Object.hasOwn(shape.fields, key) ? shape.fields[key] : undefined;
  return shape;
}

/** The SQL of a field's value: a column as read, an object's or list's JSON text as JSON, an object of columns as a struct (absent when none of its cells is set, except the facts). */
function valueSql(field: Field, path: readonly string[]): string {
  if ('column' in field) {
    const column = identifier(field.column);
    const shape = shapeAt(path);
    const whole = shape !== undefined && (shape.is === 'object' || shape.is === 'facts' || shape.is === 'texts');
    // Text that is no JSON stays a string, which the record's reader then refuses with its reason.
    return whole ? `CASE WHEN json_valid(${column}) THEN CAST(${column} AS JSON) ELSE to_json(${column}) END` : column;
  }
  const parts = [...field.fields].map(([key, inner]) => `${identifier(key)} := ${valueSql(inner, [...path, key])}`);
  const struct = `struct_pack(${parts.join(', ')})`;
  if (path.length === 1 && path[0] === 'facts') return struct;
  // Absent exactly when every cell under it is empty: tested on the columns, so the SQL grows with them, not with the depth.
  return `CASE WHEN ${columnsUnder(field).map((column) => `${identifier(column)} IS NULL`).join(' AND ')} THEN NULL ELSE ${struct} END`;
}

const columnsUnder = (field: Field): string[] => ('column' in field ? [field.column] : [...field.fields.values()].flatMap(columnsUnder));

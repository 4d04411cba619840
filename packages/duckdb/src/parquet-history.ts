// A Parquet or CSV history as DuckDB relations: every row of every file with
// its place (source, and the 1-based row standing for a line; a CSV row's
// line), screened by its column types, then the valid records with the fields
// the replay reads and the facts as a typed column. JavaScript reads only the
// rows the screen does not pass, as the JSON each row stands for
// (canonical-record.ts).
import type { DuckDBConnection } from '@duckdb/node-api';
import { parseRecord } from '@oversight/simulator/internal';
import { sqlString, type ColumnType } from '@oversight/sql';
import { canonicalText } from './canonical-record.js';
import { columnTypeOf } from './column-type-of.js';
import { csvRowsSelect } from './csv-rows.js';
import { count, type HistoryFile, type LoadedHistory } from './history-tables.js';
import { identifier, plainRowSql, timestampText } from './parquet-screen.js';

const ROWS = 'oversight_parquet_rows';
const CHECKED = 'oversight_parquet_checked';
const DOUBTFUL = 'oversight_parquet_doubtful';
const PARQUET_RECORDS = 'oversight_parquet_records';
const POS = 'oversight_pos';

type Struct = Extract<ColumnType, { kind: 'struct' }>;

/** Files whose rows are typed records: Parquet, or CSV (`textFacts` are read as text there). */
export interface TypedFiles {
  format: 'parquet' | 'csv';
  files: readonly HistoryFile[];
  textFacts?: ReadonlySet<string>;
}

/** Reads the files as one relation of rows; returns the valid records' facts type with what loadHistory returns. */
export async function loadTypedHistory(connection: DuckDBConnection, typed: TypedFiles): Promise<LoadedHistory> {
  const row = await openTypedRows(connection, typed);
  // One pass over the files for the rows the screen does not pass (few, usually none); the records
  // stay a view over the files, since copying every row costs more than reading the columns each query needs.
  await connection.run(`CREATE OR REPLACE TEMP TABLE ${DOUBTFUL} AS SELECT ${POS} AS pos FROM ${ROWS} WHERE NOT ${plainRowSql(row)}`);
  const total = await count(connection, `SELECT count(*) FROM ${ROWS}`);
  const checked: { pos: number; kind: 'record' | 'event' | 'invalid'; reason?: string }[] = [];
  // parseRecord decides every row the screen did not pass.
  if ((await count(connection, `SELECT count(*) FROM ${DOUBTFUL}`)) > 0) {
    for await (const { pos, json } of rowsAsJson(connection, row, `${POS} IN (SELECT pos FROM ${DOUBTFUL})`)) {
      const parsed = json.ok ? parseRecord(json.text) : { ok: false as const, reason: json.reason };
      checked.push(parsed.ok === 'event' ? { pos, kind: 'event' } : parsed.ok ? { pos, kind: 'record' } : { pos, kind: 'invalid', reason: parsed.reason });
    }
    // What remains doubtful is every row that is no record.
    await connection.run(`CREATE OR REPLACE TEMP TABLE ${CHECKED} (pos BIGINT)`);
    const appender = await connection.createAppender(CHECKED);
    for (const line of checked) {
      if (line.kind !== 'record') continue;
      appender.appendBigInt(BigInt(line.pos));
      appender.endRow();
    }
    appender.closeSync();
    await connection.run(`DELETE FROM ${DOUBTFUL} WHERE pos IN (SELECT pos FROM ${CHECKED})`);
  }
  await connection.run(`CREATE OR REPLACE TEMP VIEW ${PARQUET_RECORDS} AS SELECT ${POS} AS pos, ${recordColumns(row)} FROM ${ROWS}${(await count(connection, `SELECT count(*) FROM ${DOUBTFUL}`)) > 0 ? ` WHERE ${POS} NOT IN (SELECT pos FROM ${DOUBTFUL})` : ''}`);
  const invalid = checked.flatMap((line) => (line.kind === 'invalid' ? [{ pos: line.pos, reason: line.reason! }] : []));
  const facts = row.fields.find(([column]) => column === 'facts')?.[1];
  return { records: PARQUET_RECORDS, total, events: checked.filter((line) => line.kind === 'event').length, invalid, facts: facts?.kind === 'struct' ? facts : undefined };
}

/** The view of every row of the files, in file and row order (`oversight_pos`); returns the rows' type. */
export async function openTypedRows(connection: DuckDBConnection, { format, files, textFacts = new Set() }: TypedFiles): Promise<Struct> {
  const reads: string[] = [];
  for (const [src, file] of files.entries()) {
    if (format === 'csv') {
      reads.push(await csvRowsSelect(connection, file, src, textFacts));
      continue;
    }
    const path = sqlString(file.path);
    if (path === undefined) throw new Error(`${file.name}: a path with a NUL character cannot be read`);
    reads.push(`SELECT (${src}::BIGINT << 40) + file_row_number + 1 AS ${POS}, * EXCLUDE (file_row_number) FROM read_parquet(${path}, file_row_number = true)`);
  }
  await connection.run(`CREATE OR REPLACE TEMP VIEW ${ROWS} AS ${reads.join('\nUNION ALL BY NAME\n')}`);
  const typed = await connection.runAndReadAll(`SELECT * EXCLUDE (${POS}) FROM ${ROWS} LIMIT 0`);
  return { kind: 'struct', fields: typed.columnNames().map((column, i) => [column, columnTypeOf(typed.columnTypes()[i]!)] as const) };
}

/**
 * The rows `where` selects, in order, each as the JSON text it stands for (or
 * why it stands for none) and as to_json wrote it: a timestamp column as its
 * instant in ISO 8601, UTC.
 */
export async function* rowsAsJson(connection: DuckDBConnection, row: Struct, where = 'true'): AsyncGenerator<{ pos: number; json: ReturnType<typeof canonicalText>; written: string }> {
  const pack = row.fields.map(([column, type]) => `${identifier(column)} := ${timestampText(identifier(column), type) ?? identifier(column)}`).join(', ');
  const written: Struct = { kind: 'struct', fields: row.fields.map(([column, type]) => [column, timestampText('', type) === undefined ? type : { kind: 'varchar' }] as const) };
  const result = await connection.stream(`SELECT ${POS}::DOUBLE AS pos, to_json(struct_pack(${pack}))::VARCHAR AS text FROM ${ROWS} WHERE ${where} ORDER BY ${POS}`);
  for await (const rows of result.yieldRowObjectJs()) {
    for (const { pos, text } of rows) yield { pos: pos as number, json: canonicalText(text as string, written), written: text as string };
  }
}

/** The value at `path` under the row's columns as `target` (NULL where the row has no such field), reading into JSON columns too. */
function valueAt(row: Struct, path: readonly string[], target: 'VARCHAR' | 'BIGINT' | 'BOOLEAN'): string {
  let type: ColumnType = row;
  let sql = '';
  for (const key of path) {
    if (type.kind === 'json') {
      sql = `json_extract(${sql}, ${sqlString(`$.${key}`)})`;
      continue;
    }
    const found: ColumnType | undefined = type.kind === 'struct' ? type.fields.find(([name]) => name === key)?.[1] : undefined;
    if (found === undefined) return `CAST(NULL AS ${target})`;
    sql = sql === '' ? identifier(key) : `struct_extract(${sql}, ${sqlString(key)})`;
    type = found;
  }
  // A JSON string's text is its value without quotes.
  if (type.kind === 'json' && target === 'VARCHAR') return `json_extract_string(${sql}, '$')`;
  return `TRY_CAST(${sql} AS ${target})`;
}

/** The columns the replay reads from a record, as the JSON Lines loader makes them. */
function recordColumns(row: Struct): string {
  const facts = row.fields.find(([name]) => name === 'facts')?.[1];
  // As the column holds them: written as JSON only for the few records an example shows.
  const rules = row.fields.some(([name]) => name === 'rules') ? identifier('rules') : 'CAST(NULL AS JSON)';
  return [
    `${valueAt(row, ['decisionId'], 'VARCHAR')} AS decision_id`,
    `${valueAt(row, ['policy', 'name'], 'VARCHAR')} AS policy_name`,
    `${valueAt(row, ['route'], 'VARCHAR')} AS recorded`,
    // A valid record's outcome always has a decision.
    `${valueAt(row, ['outcome', 'decision'], 'VARCHAR')} IS NOT NULL AS has_outcome`,
    `${valueAt(row, ['outcome', 'decision'], 'VARCHAR')} AS verdict`,
    `${valueAt(row, ['outcome', 'reviewer'], 'VARCHAR')} AS answered_by`,
    `${valueAt(row, ['outcome', 'turnaroundSeconds'], 'BIGINT')} AS turnaround`,
    `coalesce(${valueAt(row, ['audit'], 'BOOLEAN')}, false) AS audited`,
    `${valueAt(row, ['downstream', 'error'], 'BOOLEAN')} AS downstream_error`,
    `${valueAt(row, ['outcome', 'reason'], 'VARCHAR')} AS reason`,
    `${rules} AS rules`,
    // Typed facts are read as columns, JSON ones as JSON, any other type as the JSON to_json writes.
    `${facts === undefined ? 'CAST(NULL AS JSON)' : facts.kind === 'struct' || facts.kind === 'json' ? identifier('facts') : `to_json(${identifier('facts')})`} AS facts`,
  ].join(',\n      ');
}

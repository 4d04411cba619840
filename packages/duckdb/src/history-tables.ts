// The history as DuckDB tables: every non-blank line of every JSON Lines file
// with its place (source, line, and `pos`, one number that orders them as a
// streaming replay reads them), classified, then the valid records with the
// fields the replay reads. DuckDB reads and splits the files itself; JavaScript
// reads only the lines the screen does not pass.
import type { DuckDBConnection } from '@duckdb/node-api';
import { parseRecord, MAX_LINE_LENGTH } from '@oversight/simulator/internal';
import { sqlString, type ColumnType } from '@oversight/sql';
import { plainlyValidSql, present, screenColumns, text } from './record-screen.js';

/** A history file and the name the report gives it. */
export interface HistoryFile {
  name: string;
  path: string;
}

/** Each format as messages name it. */
export const FORMAT_NAMES = { parquet: 'Parquet', csv: 'CSV', jsonl: 'JSON Lines' } as const;
export type HistoryFormat = keyof typeof FORMAT_NAMES;

/** A file's format, by extension: Parquet (`.parquet`), CSV (`.csv`) or JSON Lines (any other). */
export const formatOf = (path: string): HistoryFormat => (/\.parquet$/i.test(path) ? 'parquet' : /\.csv$/i.test(path) ? 'csv' : 'jsonl');

/**
 * The files' format. One replay reads one format: the facts are typed
 * columns in some and JSON in others, and one compiled query reads them.
 */
export function historyFormat(files: readonly HistoryFile[]): HistoryFormat {
  const format = formatOf(files[0]?.path ?? '');
  const other = files.find((file) => formatOf(file.path) !== format);
  if (other === undefined) return format;
  throw new HistoryFormatError(`${files[0]!.name} is ${FORMAT_NAMES[format]} and ${other.name} is ${FORMAT_NAMES[formatOf(other.path)]}: replay histories of different formats separately, or convert one to the other`);
}

/** Histories no one replay can read together. */
export class HistoryFormatError extends Error {}

/** A line's place, as one number: the source in the high bits, the 1-based line in the low 40. */
export const POSITION = `(src::BIGINT << 40) + line`;
const LINE_BITS = 2 ** 40;
export const placeOf = (pos: number): { src: number; line: number } => ({ src: Math.floor(pos / LINE_BITS), line: pos % LINE_BITS });

/** Tables this module creates, each replaced on the next replay on the same connection. */
const RECORDS = 'oversight_records';
const LINES = 'oversight_lines';
const CHECKED = 'oversight_checked';

/** What a loader found, with the relation of the valid records. */
export interface LoadedHistory {
  /** The relation of valid records, with the columns recordColumns names. */
  records: string;
  /** Non-blank lines, or rows. */
  total: number;
  events: number;
  invalid: { pos: number; reason: string }[];
  /** The type of the records' typed `facts` column; undefined when it holds JSON. */
  facts?: ColumnType;
}

/** A line the screen did not pass, as parseRecord reads it. */
export interface CheckedLine {
  pos: number;
  kind: 'record' | 'event' | 'invalid';
  reason: string | null;
}

/**
 * Loads the files and classifies their lines. Returns the lines JavaScript
 * found invalid (with reasons) and too long; the valid records are left in
 * in a table for the replay's queries.
 */
export async function loadHistory(connection: DuckDBConnection, files: readonly HistoryFile[]): Promise<LoadedHistory> {
  const reads = files.map((file, src) => {
    const path = sqlString(file.path);
    if (path === undefined) throw new Error(`${file.name}: a path with a NUL character cannot be read`);
    // string_split keeps a final empty string after the last '\n': a blank line, skipped like any other.
    return `SELECT ${src} AS src, generate_subscripts(l, 1) AS line, unnest(l) AS raw FROM (SELECT string_split(content, chr(10)) AS l FROM read_text(${path}))`;
  });
  // A line's length as JavaScript counts it (UTF-16 units) decides whether it is too long to be a record;
  // it can pass MAX_LINE_LENGTH only with more than half as many code points.
  const utf16Length = `length(raw) + CASE WHEN length(raw) > ${MAX_LINE_LENGTH / 2} THEN length(regexp_replace(raw, '[^\\x{10000}-\\x{10FFFF}]', '', 'g')) ELSE 0 END`;
  await connection.run(`CREATE OR REPLACE TEMP TABLE ${LINES} AS
    SELECT ${POSITION} AS pos, CASE WHEN ${utf16Length} > ${MAX_LINE_LENGTH} THEN ${utf16Length} END AS too_long,
      CASE WHEN ends_with(raw, chr(13)) THEN substr(raw, 1, length(raw) - 1) ELSE raw END AS text
    FROM (${reads.join('\nUNION ALL\n')})`);
  await connection.run(`DELETE FROM ${LINES} WHERE too_long IS NULL AND trim(text, ' ' || chr(9) || chr(13)) = ''`);
  await connection.run(`CREATE OR REPLACE TEMP TABLE ${LINES}_screened AS
    SELECT pos, too_long, text, t, s, k, CASE WHEN t IS NOT NULL THEN coalesce(${plainlyValidSql('text')}, false) ELSE false END AS plain
    FROM (SELECT pos, too_long, text, ${columns((column, sql) => `CASE WHEN readable THEN ${sql} END AS ${column}`)}
      FROM (SELECT *, too_long IS NULL AND json_valid(text) AS readable FROM ${LINES}))`);
  await connection.run(`DROP TABLE ${LINES}`);

  const checked = await checkInJavaScript(connection);
  await connection.run(`CREATE OR REPLACE TEMP TABLE ${CHECKED} (pos BIGINT, kind VARCHAR, reason VARCHAR, text VARCHAR)`);
  const appender = await connection.createAppender(CHECKED);
  for (const line of checked.lines) {
    appender.appendBigInt(BigInt(line.pos));
    appender.appendVarchar(line.kind);
    if (line.reason === null) appender.appendNull();
    else appender.appendVarchar(line.reason);
    if (line.text === undefined) appender.appendNull();
    else appender.appendVarchar(line.text);
    appender.endRow();
  }
  appender.closeSync();

  // The records: screened ones as they are, checked ones as JavaScript read them (re-serialized where DuckDB cannot parse the line).
  await connection.run(`CREATE OR REPLACE TEMP TABLE ${RECORDS} AS
    SELECT pos, ${recordColumns()}
    FROM (
      SELECT pos, text, t, s, k FROM ${LINES}_screened WHERE plain
      UNION ALL
      SELECT pos, line AS text, ${columns((column, sql) => `${sql} AS ${column}`, 'line')}
      FROM (SELECT c.pos, coalesce(c.text, s.text) AS line FROM ${CHECKED} c JOIN ${LINES}_screened s USING (pos) WHERE c.kind = 'record')
    )`);
  const total = await count(connection, `SELECT count(*) FROM ${LINES}_screened`);
  await connection.run(`DROP TABLE ${LINES}_screened`);
  const tooLong = checked.tooLong.map(({ pos, length }) => ({ pos, reason: `a line of ${length.toLocaleString('en-US')} characters, longer than any history record can be: is this file JSON Lines?` }));
  const invalid = checked.lines.filter((line) => line.kind === 'invalid').map(({ pos, reason }) => ({ pos, reason: reason! }));
  return { records: RECORDS, total, events: checked.lines.filter((line) => line.kind === 'event').length, invalid: [...tooLong, ...invalid].sort((a, b) => a.pos - b.pos) };
}

/** The screen's columns of `line`, each written by `as`. */
function columns(as: (column: string, sql: string) => string, line = 'text'): string {
  return Object.entries(screenColumns(line)).map(([column, sql]) => as(column, sql)).join(', ');
}

/** The columns the replay reads from a record, from its text and screen columns. */
function recordColumns(): string {
  return [
    `${text('$.decisionId')} AS decision_id`,
    `${text('$.policy.name')} AS policy_name`,
    `${text('$.route')} AS recorded`,
    `${present('$.outcome')} AS has_outcome`,
    `${text('$.outcome.decision')} AS verdict`,
    `${text('$.outcome.reviewer')} AS answered_by`,
    // Whole seconds of at most a year (the schema's bound), however the number is spelled.
    `CAST(TRY_CAST(${text('$.outcome.turnaroundSeconds')} AS DOUBLE) AS BIGINT) AS turnaround`,
    `coalesce(${text('$.audit')} = 'true', false) AS audited`,
    `${text('$.downstream.error')} = 'true' AS downstream_error`,
    `${text('$.outcome.reason')} AS reason`,
    `json_extract(text, '$.rules') AS rules`,
    `json_extract(text, '$.facts') AS facts`,
  ].join(',\n      ');
}

interface Checked {
  lines: (CheckedLine & { text?: string })[];
  tooLong: { pos: number; length: number }[];
}

// parseRecord decides every line the screen did not pass; a record DuckDB cannot parse as
// written (JavaScript takes a lone surrogate escape) goes back as JSON.stringify writes it.
async function checkInJavaScript(connection: DuckDBConnection): Promise<Checked> {
  const result = await connection.stream(`SELECT pos::DOUBLE AS pos, too_long::DOUBLE AS too_long, text, json_valid(text) AS readable FROM ${LINES}_screened WHERE NOT plain ORDER BY pos`);
  const checked: Checked = { lines: [], tooLong: [] };
  for await (const rows of result.yieldRowObjectJs()) {
    for (const row of rows) {
      const pos = row.pos as number;
      if (row.too_long !== null) {
        checked.tooLong.push({ pos, length: row.too_long as number });
        continue;
      }
      const parsed = parseRecord(row.text as string);
      if (parsed.ok === 'event') checked.lines.push({ pos, kind: 'event', reason: null });
      else if (!parsed.ok) checked.lines.push({ pos, kind: 'invalid', reason: parsed.reason });
      else checked.lines.push({ pos, kind: 'record', reason: null, ...(row.readable === true ? {} : { text: JSON.stringify(parsed.record) }) });
    }
  }
  return checked;
}

export async function count(connection: DuckDBConnection, sql: string): Promise<number> {
  const reader = await connection.runAndReadAll(sql);
  return Number(reader.getRows()[0]![0]);
}


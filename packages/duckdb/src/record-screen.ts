// Which JSON Lines records DuckDB may take as valid without asking the
// simulator's own reader (parseRecord: JSON as every entry point reads it, then
// the history record schema). The screen is sound, not complete: a line it
// passes is one parseRecord accepts; a line it does not pass (an event, a
// gate's record with escalations, nested facts, a string holding a brace) is
// handed to parseRecord, which has the last word. So validity never differs
// between the engines; only the share of lines JavaScript reads does.
//
// It reads each line three times: the JSON types of FIELDS, their text, and
// the keys of its objects (a list per JSON function call, one parse each).

/** Top-level keys the screen checks itself; a record with any other goes to parseRecord. */
const TOP_KEYS = ['decisionId', 'at', 'policy', 'facts', 'route', 'rules', 'outcome', 'audit', 'downstream', 'settledAt', 'decisionKey', 'factsHash', 'linkedTo', 'editedBy', 'reroutedTo', 'prev'];
const OBJECT_KEYS: Record<string, readonly string[]> = {
  $: TOP_KEYS,
  '$.policy': ['name', 'version', 'hash'],
  '$.outcome': ['decision', 'reason', 'reviewer', 'turnaroundSeconds', 'reviewerId', 'factsHash'],
  '$.downstream': ['error'],
};
const OBJECTS = [...Object.keys(OBJECT_KEYS), '$.facts'];
export const ROUTES = ['auto', 'review_after', 'approve_before', 'escalate', 'deny'];
export const DECISIONS = ['approved', 'rejected', 'edited', 'escalated', 'expired'];

/** The values the screen and the replay read. */
export const FIELDS = [
  '$.decisionId', '$.at', '$.policy', '$.policy.name', '$.policy.version', '$.policy.hash', '$.facts', '$.route', '$.rules',
  '$.outcome', '$.outcome.decision', '$.outcome.reason', '$.outcome.reviewer', '$.outcome.turnaroundSeconds', '$.outcome.reviewerId', '$.outcome.factsHash',
  '$.audit', '$.downstream', '$.downstream.error', '$.settledAt', '$.decisionKey', '$.factsHash', '$.linkedTo', '$.editedBy', '$.reroutedTo', '$.prev',
] as const;
type Field = (typeof FIELDS)[number];

const list = (items: readonly string[]) => `[${items.map((item) => `'${item}'`).join(', ')}]`;
const at = (path: Field) => FIELDS.indexOf(path) + 1;

/** What the screen reads of a line `line`: `t` (each field's JSON type, NULL when absent), `s` (its text), `k` (each object's keys). */
export function screenColumns(line: string): { t: string; s: string; k: string } {
  return { t: `json_type(${line}, ${list(FIELDS)})`, s: `json_extract_string(${line}, ${list(FIELDS)})`, k: `json_keys(${line}, ${list(OBJECTS)})` };
}

/** A field's text, from the screen's columns: what the replay's columns are made of. */
export const text = (path: Field): string => `s[${at(path)}]`;
export const present = (path: Field): string => `t[${at(path)}] IS NOT NULL`;

const type = (path: Field) => `t[${at(path)}]`;
const absentOr = (path: Field, test: string) => `(${type(path)} IS NULL OR (${test}))`;
const isString = (path: Field) => `${type(path)} = 'VARCHAR'`;
const keys = (object: string) => `k[${OBJECTS.indexOf(object) + 1}]`;
const keysWithin = (object: string) => `(list_has_all(${list(OBJECT_KEYS[object]!)}, ${keys(object)}) AND len(list_distinct(${keys(object)})) = len(${keys(object)}))`;
// ajv-formats' fast date-time, with its /i spelled out: RE2 and JavaScript agree on ASCII classes.
export const DATE_TIME = String.raw`^\d\d\d\d-[0-1]\d-[0-3]\d[tT](?:[0-2]\d:[0-5]\d:[0-5]\d|23:59:60)(?:\.\d+)?(?:[zZ]|[+-]\d\d(?::?\d\d)?)$`;
export const HASH = '^sha256:[0-9a-f]{64}$';
const isDateTime = (path: Field) => `(${isString(path)} AND regexp_matches(${text(path)}, '${DATE_TIME}'))`;
const isHash = (path: Field) => `(${isString(path)} AND regexp_matches(${text(path)}, '${HASH}'))`;
const isWhole = (path: Field, min: number, max: number) => `(${type(path)} IN ('BIGINT', 'UBIGINT') AND TRY_CAST(${text(path)} AS BIGINT) BETWEEN ${min} AND ${max})`;
const oneOf = (path: Field, values: readonly string[]) => `(${isString(path)} AND ${text(path)} IN (${values.map((value) => `'${value}'`).join(', ')}))`;
const braces = (line: string) => `(length(${line}) - length(replace(${line}, '{', '')))`;

/**
 * TRUE when the line `line`, valid JSON for DuckDB, is plainly a valid
 * history record, from its screen columns. DuckDB's reader also takes NaN,
 * Infinity and trailing commas, which JSON.parse refuses, and keeps a repeated
 * key, which parseJson refuses: the first test sends those to parseRecord.
 */
export function plainlyValidSql(line: string): string {
  return `(
    NOT regexp_matches(${line}, '\\[\\s*\\[|[:,\\[]\\s*[-+]?(?i:nan|inf)|,\\s*[}\\]]|\\\\u0000')
    -- Only the objects checked here, none with a repeated key, and no list of lists: far below parseJson's depth limit.
    AND json_type(${line}) = 'OBJECT' AND ${braces(line)} = 3 + (${present('$.outcome')})::INTEGER + (${present('$.downstream')})::INTEGER
    AND ${keysWithin('$')} AND ${type('$.policy')} = 'OBJECT' AND ${keysWithin('$.policy')}
    AND ${type('$.facts')} = 'OBJECT' AND len(list_distinct(${keys('$.facts')})) = len(${keys('$.facts')})
    AND ${isString('$.policy.name')} AND ${isWhole('$.policy.version', 1, Number.MAX_SAFE_INTEGER)} AND ${absentOr('$.policy.hash', isString('$.policy.hash'))}
    AND ${isString('$.decisionId')} AND length(${text('$.decisionId')}) BETWEEN 1 AND 256
    AND ${isDateTime('$.at')} AND ${oneOf('$.route', ROUTES)}
    AND ${absentOr('$.rules', `${type('$.rules')} = 'ARRAY' AND list_bool_and(list_transform(json_type(${line}, '$.rules[*]'), lambda r: r = 'VARCHAR')) IS NOT false`)}
    AND ${absentOr('$.outcome', `${type('$.outcome')} = 'OBJECT' AND ${keysWithin('$.outcome')} AND ${oneOf('$.outcome.decision', DECISIONS)}
      AND ${(['$.outcome.reason', '$.outcome.reviewer', '$.outcome.reviewerId'] as const).map((path) => absentOr(path, isString(path))).join(' AND ')}
      AND ${absentOr('$.outcome.turnaroundSeconds', isWhole('$.outcome.turnaroundSeconds', 0, 31_536_000))}
      AND ${absentOr('$.outcome.factsHash', isHash('$.outcome.factsHash'))}`)}
    AND ${absentOr('$.audit', `${type('$.audit')} = 'BOOLEAN'`)}
    AND ${absentOr('$.downstream', `${type('$.downstream')} = 'OBJECT' AND ${keysWithin('$.downstream')} AND ${absentOr('$.downstream.error', `${type('$.downstream.error')} = 'BOOLEAN'`)}`)}
    AND ${absentOr('$.settledAt', isDateTime('$.settledAt'))}
    AND ${(['$.decisionKey', '$.linkedTo', '$.editedBy', '$.reroutedTo'] as const).map((path) => absentOr(path, isString(path))).join(' AND ')}
    AND ${absentOr('$.factsHash', isHash('$.factsHash'))}
    AND ${absentOr('$.prev', `${type('$.prev')} = 'NULL' OR ${isHash('$.prev')}`)}
  )`;
}

// Which JSON Lines records DuckDB may take as valid without asking the
// simulator's own reader (parseRecord: JSON as every entry point reads it, then
// the history record schema). The screen is sound, not complete: a line it
// passes is one parseRecord accepts; a line it does not pass (an event, a
// gate's record with escalations, nested facts, a string holding a brace) is
// handed to parseRecord, which has the last word. So validity never differs
// between the engines; only the share of lines JavaScript reads does.

/** Top-level keys the screen checks itself; a record with any other goes to parseRecord. */
const TOP_KEYS = ['decisionId', 'at', 'policy', 'facts', 'route', 'rules', 'outcome', 'audit', 'downstream', 'settledAt', 'decisionKey', 'factsHash', 'linkedTo', 'editedBy', 'reroutedTo', 'prev'];
const POLICY_KEYS = ['name', 'version', 'hash'];
const OUTCOME_KEYS = ['decision', 'reason', 'reviewer', 'turnaroundSeconds', 'reviewerId', 'factsHash'];
const ROUTES = ['auto', 'review_after', 'approve_before', 'escalate', 'deny'];
const DECISIONS = ['approved', 'rejected', 'edited', 'escalated', 'expired'];

/** The values the screen and the replay read, in one parse of the line: name → index in the extracted list. */
export const FIELDS = [
  '$.decisionId', '$.at', '$.policy', '$.policy.name', '$.policy.version', '$.policy.hash', '$.facts', '$.route', '$.rules',
  '$.outcome', '$.outcome.decision', '$.outcome.reason', '$.outcome.reviewer', '$.outcome.turnaroundSeconds', '$.outcome.reviewerId', '$.outcome.factsHash',
  '$.audit', '$.downstream', '$.downstream.error', '$.settledAt', '$.decisionKey', '$.factsHash', '$.linkedTo', '$.editedBy', '$.reroutedTo', '$.prev',
] as const;

/** SQL for the JSON value at `path` of a row's extracted list `j` (SQL NULL when absent, JSON null when null). */
export const field = (path: (typeof FIELDS)[number]): string => `j[${FIELDS.indexOf(path) + 1}]`;

const list = (items: readonly string[]) => `[${items.map((item) => `'${item}'`).join(', ')}]`;
const type = (json: string) => `json_type(${json})`;
const text = (json: string) => `json_extract_string(${json}, '$')`;
const absentOr = (json: string, test: string) => `(${json} IS NULL OR (${test}))`;
const isString = (json: string) => `${type(json)} = 'VARCHAR'`;
const keysWithin = (json: string, allowed: readonly string[]) =>
  `(list_has_all(${list(allowed)}, json_keys(${json})) AND len(list_distinct(json_keys(${json}))) = len(json_keys(${json})))`;
// ajv-formats' fast date-time, with its /i spelled out: RE2 and JavaScript agree on ASCII classes.
const DATE_TIME = String.raw`^\d\d\d\d-[0-1]\d-[0-3]\d[tT](?:[0-2]\d:[0-5]\d:[0-5]\d|23:59:60)(?:\.\d+)?(?:[zZ]|[+-]\d\d(?::?\d\d)?)$`;
const HASH = '^sha256:[0-9a-f]{64}$';
const isDateTime = (json: string) => `(${isString(json)} AND regexp_matches(${text(json)}, '${DATE_TIME}'))`;
const isHash = (json: string) => `(${isString(json)} AND regexp_matches(${text(json)}, '${HASH}'))`;
const isWhole = (json: string, min: number, max: number) => `(${type(json)} = 'BIGINT' AND TRY_CAST(${json} AS BIGINT) BETWEEN ${min} AND ${max})`;
const braces = (line: string) => `(length(${line}) - length(replace(${line}, '{', '')))`;

/**
 * TRUE when the line `line` (text) is plainly a valid history record, given
 * `j`, its FIELDS extracted in one parse. Before any JSON function reads the
 * line: DuckDB's reader also takes NaN, Infinity and trailing commas, which
 * JSON.parse refuses, and keeps a repeated key, which parseJson refuses.
 */
export function plainlyValidSql(line: string): string {
  const outcome = field('$.outcome');
  const downstream = field('$.downstream');
  return `(
    ${type(line)} = 'OBJECT'
    -- Only the objects checked below, each without a repeated key, and no list of lists: the depth stays far below parseJson's limit.
    AND ${braces(line)} = 3 + (${outcome} IS NOT NULL)::INTEGER + (${downstream} IS NOT NULL)::INTEGER
    AND NOT regexp_matches(${line}, '\\[\\s*\\[|[:,\\[]\\s*[-+]?(?i:nan|inf)|,\\s*[}\\]]|\\\\u0000')
    AND ${keysWithin(line, TOP_KEYS)}
    AND ${type(field('$.policy'))} = 'OBJECT' AND ${keysWithin(field('$.policy'), POLICY_KEYS)}
    AND ${isString(field('$.policy.name'))} AND ${isWhole(field('$.policy.version'), 1, Number.MAX_SAFE_INTEGER)}
    AND ${absentOr(field('$.policy.hash'), isString(field('$.policy.hash')))}
    AND ${isString(field('$.decisionId'))} AND length(${text(field('$.decisionId'))}) BETWEEN 1 AND 256
    AND ${isDateTime(field('$.at'))}
    AND ${type(field('$.facts'))} = 'OBJECT' AND len(list_distinct(json_keys(${field('$.facts')}))) = len(json_keys(${field('$.facts')}))
    AND ${isString(field('$.route'))} AND ${text(field('$.route'))} IN (${ROUTES.map((route) => `'${route}'`).join(', ')})
    AND ${absentOr(field('$.rules'), `${type(field('$.rules'))} = 'ARRAY' AND len(list_filter(json_extract(${field('$.rules')}, '$[*]'), lambda r: json_type(r) <> 'VARCHAR')) = 0`)}
    AND ${absentOr(outcome, `${type(outcome)} = 'OBJECT' AND ${keysWithin(outcome, OUTCOME_KEYS)}
      AND ${isString(field('$.outcome.decision'))} AND ${text(field('$.outcome.decision'))} IN (${DECISIONS.map((decision) => `'${decision}'`).join(', ')})
      AND ${absentOr(field('$.outcome.reason'), isString(field('$.outcome.reason')))}
      AND ${absentOr(field('$.outcome.reviewer'), isString(field('$.outcome.reviewer')))}
      AND ${absentOr(field('$.outcome.reviewerId'), isString(field('$.outcome.reviewerId')))}
      AND ${absentOr(field('$.outcome.turnaroundSeconds'), isWhole(field('$.outcome.turnaroundSeconds'), 0, 31_536_000))}
      AND ${absentOr(field('$.outcome.factsHash'), isHash(field('$.outcome.factsHash')))}`)}
    AND ${absentOr(field('$.audit'), `${type(field('$.audit'))} = 'BOOLEAN'`)}
    AND ${absentOr(downstream, `${type(downstream)} = 'OBJECT' AND ${keysWithin(downstream, ['error'])} AND ${absentOr(field('$.downstream.error'), `${type(field('$.downstream.error'))} = 'BOOLEAN'`)}`)}
    AND ${absentOr(field('$.settledAt'), isDateTime(field('$.settledAt')))}
    AND ${['$.decisionKey', '$.linkedTo', '$.editedBy', '$.reroutedTo'].map((path) => absentOr(field(path as (typeof FIELDS)[number]), isString(field(path as (typeof FIELDS)[number])))).join(' AND ')}
    AND ${absentOr(field('$.factsHash'), isHash(field('$.factsHash')))}
    AND ${absentOr(field('$.prev'), `${type(field('$.prev'))} = 'NULL' OR ${isHash(field('$.prev'))}`)}
  )`;
}

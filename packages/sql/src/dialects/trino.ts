import { sqlNumber, sqlString } from '../sql-literal.js';
import { javaPattern } from '../safe-pattern.js';
import { PLAIN_NAME, type Dialect, type JsonRef, type JsonType } from './dialect.js';

// Trino over `facts` as VARCHAR JSON text, parsed once per distinct text with
// json_parse. Trino has no json_type, but json_format writes a value
// canonically, so its first character names the type: " string, t/f boolean,
// n null, [ list, { object, and a minus or a digit a number.

const first = (ref: JsonRef) => `substr(json_format(${ref.sql}), 1, 1)`;
const double = (ref: JsonRef) => `TRY_CAST(${ref.sql} AS DOUBLE)`;
const DIGITS = `('-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9')`;
const numeric = (ref: JsonRef) => `coalesce(${first(ref)} IN ${DIGITS}, false)`;
const number = (ref: JsonRef) => `(${numeric(ref)} AND coalesce(is_finite(${double(ref)}), false))`;
const TYPES: Record<JsonType, (ref: JsonRef) => string> = {
  string: (ref) => `coalesce(${first(ref)} = '"', false)`,
  numeric,
  number,
  integer: (ref) => `(${number(ref)} AND coalesce(${double(ref)} % 1 = 0, false))`,
  boolean: (ref) => `coalesce(${first(ref)} IN ('t', 'f'), false)`,
  // A list item that is JSON null may arrive as SQL NULL from CAST(... AS ARRAY(JSON)); an absent value never gets here.
  null: (ref) => `(${ref.sql} IS NULL OR json_format(${ref.sql}) = 'null')`,
  array: (ref) => `coalesce(${first(ref)} = '[', false)`,
  object: (ref) => `coalesce(${first(ref)} = '{', false)`,
};
const asMap = (ref: JsonRef) => `TRY_CAST(${ref.sql} AS MAP(VARCHAR, JSON))`;
const asList = (ref: JsonRef) => `TRY_CAST(${ref.sql} AS ARRAY(JSON))`;

export const trino: Dialect = {
  name: 'trino',
  string: sqlString,
  number: sqlNumber,
  root: { sql: 'facts' },
  at: (ref, segments) => {
    let path = '$';
    for (const segment of segments) {
      if (typeof segment === 'number') path += `[${segment}]`;
      else if (PLAIN_NAME.test(segment)) path += `.${segment}`;
      else return { refused: `${JSON.stringify(segment)}: trino's JSON path reads only names of ASCII letters, digits and _ exactly` };
    }
    return { sql: `json_extract(${ref.sql}, '${path}')` };
  },
  unknown: (ref) => `coalesce(json_format(${ref.sql}), 'null') = 'null'`,
  absent: (ref) => `${ref.sql} IS NULL`,
  is: (ref, type) => TYPES[type](ref),
  double,
  text: (ref) => `TRY_CAST(${ref.sql} AS VARCHAR)`,
  boolean: (ref) => `TRY_CAST(${ref.sql} AS BOOLEAN)`,
  // Trino's length() counts code points, as ajv does.
  textLength: (text) => `length(${text})`,
  matches: (text, pattern) => {
    const java = javaPattern(pattern);
    return java === undefined ? undefined : `regexp_like(${text}, ${sqlString(java)!})`;
  },
  arrayLength: (ref) => `json_array_length(${ref.sql})`,
  everyItem: (ref, _schema, depth, check) => `cardinality(filter(${asList(ref)}, e${depth} -> NOT (${check({ sql: `e${depth}` })}))) = 0`,
  containsItem: (ref, _value, equals) => {
    const equal = equals({ sql: 'item' });
    return equal === undefined ? undefined : `coalesce(any_match(${asList(ref)}, item -> ${equal}), false)`;
  },
  uniqueStrings: (ref) => `cardinality(array_distinct(TRY_CAST(${ref.sql} AS ARRAY(VARCHAR)))) = json_array_length(${ref.sql})`,
  keysAmong: (ref, names, depth) =>
    `cardinality(filter(map_keys(${asMap(ref)}), k${depth} -> NOT (${names.length === 0 ? 'false' : `k${depth} IN (${names.join(', ')})`}))) = 0`,
  hasKey: (ref, name) => {
    const literal = sqlString(name);
    // map_keys keeps a key whose value is null, which json_extract may not tell from an absent one.
    return literal === undefined ? undefined : `coalesce(contains(map_keys(${asMap(ref)}), ${literal}), false)`;
  },
  // A repeated key makes the cast to MAP fail, so TRY_CAST gives NULL.
  repeatsKey: (ref) => `${asMap(ref)} IS NULL`,
  idList: (items) => `filter(ARRAY[${['CAST(NULL AS VARCHAR)', ...items].join(', ')}], id -> id IS NOT NULL)`,
  passThrough: 'join',
  rootFrom: (key) => `json_parse(${key})`,
};

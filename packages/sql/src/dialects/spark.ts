import type { FactSchema } from '@oversight/core';
import { sqlNumber } from '../sql-literal.js';
import { javaPattern } from '../safe-pattern.js';
import { PLAIN_NAME, type Dialect, type JsonRef, type JsonType } from './dialect.js';

// Spark SQL 3.4+ over `facts` as JSON text (STRING). Spark has no per-row JSON
// type function (schema_of_json needs a literal) and get_json_object returns a
// string value without its quotes, so "5" and 5 read alike. A value's type is
// read instead by parsing its parent object with from_json and a one-field
// schema: a field that does not convert to that type comes back NULL. Lists
// are read as list<string>, which cannot tell "5" from 5, so only what stays
// exact that way is compiled.

/** Spark string literal: backslash escapes (the default, spark.sql.parser.escapedStringLiterals=false). */
function string(text: string): string | undefined {
  if (text.includes('\u0000')) return undefined;
  return `'${text.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
}

// The strings from_json reads into DOUBLE as NaN or an infinity; a JSON number's text is never one of them.
const SPECIAL = `('NaN', 'Infinity', '+Infinity', '-Infinity', 'INF', '+INF', '-INF')`;
const INFINITY = `CAST('Infinity' AS DOUBLE)`;

const isRoot = (ref: JsonRef) => ref.parent === undefined;
// The field read with one Spark type from the parent object's text: NULL when absent, null or of another type.
const probe = (ref: JsonRef, type: string) => `from_json(${ref.parent!.sql}, 'struct<\`${ref.key!}\`: ${type}>')['${ref.key!}']`;
const present = (ref: JsonRef): string => {
  const parent = ref.parent!;
  // A parent that is a JSON string holding object text must not be read as the object.
  const guard = isRoot(parent) ? '' : `${is(parent, 'object')} AND `;
  return `coalesce(${guard}array_contains(json_object_keys(${parent.sql}), '${ref.key!}'), false)`;
};
const numberToken = (ref: JsonRef) => `(${probe(ref, 'double')} IS NOT NULL AND coalesce(${probe(ref, 'string')} NOT IN ${SPECIAL}, true))`;

function is(ref: JsonRef, type: JsonType): string {
  if (isRoot(ref)) {
    // json_object_keys is NULL for anything but a JSON object.
    if (type === 'object') return `json_object_keys(${ref.sql}) IS NOT NULL`;
    throw new Error(`spark reads the facts only as an object, not as ${type}`);
  }
  const finite = `coalesce(abs(${probe(ref, 'double')}) < ${INFINITY}, false)`;
  const tests: Record<JsonType, () => string> = {
    // StringType takes any token, so NULL here means JSON null.
    null: () => `${probe(ref, 'string')} IS NULL`,
    boolean: () => `${probe(ref, 'boolean')} IS NOT NULL`,
    numeric: () => numberToken(ref),
    // NaN and the infinities are never finite, so a special string is never taken for a number.
    number: () => finite,
    integer: () => `(${finite} AND ${probe(ref, 'double')} % 1 = 0)`,
    array: () => `${probe(ref, 'array<string>')} IS NOT NULL`,
    object: () => `${probe(ref, 'map<string,string>')} IS NOT NULL`,
    string: () =>
      `(${probe(ref, 'string')} IS NOT NULL AND ${probe(ref, 'boolean')} IS NULL AND NOT ${numberToken(ref)} AND ${probe(ref, 'array<string>')} IS NULL AND ${probe(ref, 'map<string,string>')} IS NULL)`,
  };
  return `(${present(ref)} AND ${tests[type]()})`;
}

// A string that no other JSON value reads as when a list is read as list<string>:
// not a number's text, true, false or null, nor the text of a list or object.
const unambiguous = (value: unknown): value is string =>
  typeof value === 'string' && !/^[-0-9[{]/.test(value) && !['true', 'false', 'null'].includes(value) && !value.includes('\u0000');
const asStrings = (ref: JsonRef) => `from_json(${ref.sql}, 'array<string>')`;
const ANNOTATION = new Set(['description', 'title', 'examples', '$comment', 'default', 'deprecated', 'readOnly', 'writeOnly']);

export const spark: Dialect = {
  name: 'spark',
  string,
  number: sqlNumber,
  root: { sql: 'facts' },
  at: (ref, segments) => {
    let at = ref;
    let path = isRoot(ref) ? '$' : ref.path;
    if (path === undefined) return { refused: 'spark reads values only along a path from the facts' };
    for (const segment of segments) {
      if (typeof segment === 'number') return { refused: '[index] steps are not compiled for spark: a list is read as list<string>, where "5" and 5 look alike' };
      if (!PLAIN_NAME.test(segment)) return { refused: `${JSON.stringify(segment)}: spark reads only names of ASCII letters, digits and _ exactly` };
      path = `${path}.${segment}`;
      at = { sql: `get_json_object(facts, '${path}')`, parent: at, key: segment, path };
    }
    return at;
  },
  unknown: (ref) => `NOT (${present(ref)} AND ${probe(ref, 'string')} IS NOT NULL)`,
  absent: (ref) => `NOT ${present(ref)}`,
  is,
  double: (ref) => probe(ref, 'double'),
  text: (ref) => probe(ref, 'string'),
  boolean: (ref) => probe(ref, 'boolean'),
  // Spark's length() counts characters (code points) of a UTF-8 string, as ajv does.
  textLength: (text) => `length(${text})`,
  matches: (text, pattern) => {
    const java = javaPattern(pattern);
    return java === undefined ? undefined : `${text} RLIKE ${string(java)!}`;
  },
  arrayLength: (ref) => `json_array_length(${ref.sql})`,
  everyItem: (ref, schema: FactSchema) => {
    // Exact only when every allowed item is an unambiguous string: then an item's text is in the enum only if it is that string.
    const allowed = schema.enum;
    const plain = Object.keys(schema).every((keyword) => ANNOTATION.has(keyword) || keyword === 'enum' || (keyword === 'type' && schema.type === 'string'));
    if (!plain || !Array.isArray(allowed) || !allowed.every(unambiguous)) return undefined;
    const inEnum = allowed.length === 0 ? 'false' : `item IN (${allowed.map((item) => string(item)!).join(', ')})`;
    return `NOT exists(${asStrings(ref)}, item -> NOT coalesce(${inEnum}, false))`;
  },
  containsItem: (ref, value) => (unambiguous(value) ? `coalesce(array_contains(${asStrings(ref)}, ${string(value)!}), false)` : undefined),
  uniqueStrings: (ref) => `size(array_distinct(${asStrings(ref)})) = json_array_length(${ref.sql})`,
  keysAmong: (ref, names) => `size(array_except(json_object_keys(${ref.sql}), array(${['CAST(NULL AS STRING)', ...names].join(', ')}))) = 0`,
  hasKey: (ref, name) => {
    const literal = string(name);
    return literal === undefined ? undefined : `coalesce(array_contains(json_object_keys(${ref.sql}), ${literal}), false)`;
  },
  // json_object_keys walks the object's tokens, so a repeated key is listed twice.
  repeatsKey: (ref) => `size(array_distinct(json_object_keys(${ref.sql}))) <> size(json_object_keys(${ref.sql}))`,
  idList: (items) => `array_compact(array(${['CAST(NULL AS STRING)', ...items].join(', ')}))`,
  passThrough: 'join',
  rootFrom: (key) => key,
};

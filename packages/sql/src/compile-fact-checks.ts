import type { FactSchema } from '@oversight/core';
import { isScalar, jsonEqualsScalar } from './json-equal.js';
import { Refusals } from './refusal.js';
import { isPortablePattern } from './safe-pattern.js';
import { jsonAt, NUMERIC_TYPES, sqlNumber, sqlString } from './sql-literal.js';

// Words that only annotate a schema: they never make a value invalid.
const ANNOTATIONS = new Set(['description', 'title', 'examples', '$comment', 'default', 'deprecated', 'readOnly', 'writeOnly']);
const TYPE_TEST: Record<string, (type: string, json: string) => string> = {
  string: (type) => `${type} = 'VARCHAR'`,
  // ajv's numbers are finite: 1e400 parses to Infinity in JavaScript, and DuckDB cannot cast it to DOUBLE.
  number: (type, json) => `(${type} IN ${NUMERIC_TYPES} AND coalesce(isfinite(TRY_CAST(${json} AS DOUBLE)), false))`,
  // ajv's integer is any finite number with no fraction: 1.0 and 1e21 are integers.
  integer: (type, json) => `(${type} IN ('BIGINT', 'UBIGINT') OR (${type} = 'DOUBLE' AND coalesce(TRY_CAST(${json} AS DOUBLE) = floor(TRY_CAST(${json} AS DOUBLE)), false)))`,
  boolean: (type) => `${type} = 'BOOLEAN'`,
  null: (type) => `${type} = 'NULL'`,
  array: (type) => `${type} = 'ARRAY'`,
  object: (type) => `${type} = 'OBJECT'`,
};
const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * SQL that is TRUE when the JSON value `json` (present: never SQL NULL) meets
 * `schema`, as ajv decides it, and FALSE otherwise. Keywords outside the
 * supported set are refused, never skipped: a skipped keyword would let an
 * invalid fact be decided.
 */
export function validSql(schema: FactSchema, json: string, where: string, refusals: Refusals, depth = 0): string {
  const type = `json_type(${json})`;
  const parts: string[] = [];
  // Each keyword only constrains values of its own JSON type, as in JSON Schema.
  const when = (test: string, condition: string) => parts.push(`(CASE WHEN ${test} THEN coalesce(${condition}, false) ELSE true END)`);
  // A bound is compiled only where the type admits finite numbers alone: ajv compares an
  // untyped 1e400 (Infinity) with it, and DuckDB cannot cast that to a DOUBLE.
  const types: unknown[] = Array.isArray(schema.type) ? schema.type : [schema.type];
  const finiteOnly = types.every((name) => name === 'number' || name === 'integer' || name === 'null' || name === 'string' || name === 'boolean');
  const number = (keyword: string, value: unknown): string => {
    if (!finiteOnly) return refusals.refuse(`${where}.${keyword}`, 'unsupported schema keyword', `'${keyword}' is compiled only with a type that admits no unbounded number`);
    const literal = typeof value === 'number' ? sqlNumber(value) : undefined;
    return literal ?? refusals.refuse(`${where}.${keyword}`, 'unsupported schema value', `'${keyword}' must be a finite number`);
  };
  const count = (keyword: string, value: unknown): string =>
    Number.isSafeInteger(value) ? String(value) : refusals.refuse(`${where}.${keyword}`, 'unsupported schema value', `'${keyword}' must be a whole number`);
  const text = `json_extract_string(${json}, '$')`;
  const isNumber = `${type} IN ${NUMERIC_TYPES}`;
  const asDouble = `TRY_CAST(${json} AS DOUBLE)`;

  for (const [keyword, value] of Object.entries(schema)) {
    if (ANNOTATIONS.has(keyword)) continue;
    switch (keyword) {
      case 'type': {
        const types = Array.isArray(value) ? value : [value];
        const tests = types.map((name) =>
          typeof name === 'string' && Object.hasOwn(TYPE_TEST, name)
            ? TYPE_TEST[name]!(type, json)
            : refusals.refuse(`${where}.type`, 'unsupported schema value', `type ${JSON.stringify(name)}`),
        );
        parts.push(`coalesce(${tests.length === 0 ? 'false' : tests.join(' OR ')}, false)`);
        break;
      }
      case 'enum':
      case 'const': {
        const values: unknown[] = keyword === 'enum' ? (Array.isArray(value) ? value : [undefined]) : [value];
        const tests = values.map((item) => {
          const test = isScalar(item) ? jsonEqualsScalar(json, item) : undefined;
          return test ?? refusals.refuse(`${where}.${keyword}`, 'unsupported schema value', `only strings, finite numbers, booleans and null are compared (deep equality of lists and objects is not compiled)`);
        });
        parts.push(tests.length === 0 ? 'false' : `(${tests.join(' OR ')})`);
        break;
      }
      case 'minimum':
        when(isNumber, `${asDouble} >= ${number(keyword, value)}`);
        break;
      case 'maximum':
        when(isNumber, `${asDouble} <= ${number(keyword, value)}`);
        break;
      case 'exclusiveMinimum':
        when(isNumber, `${asDouble} > ${number(keyword, value)}`);
        break;
      case 'exclusiveMaximum':
        when(isNumber, `${asDouble} < ${number(keyword, value)}`);
        break;
      // ajv counts code points (not UTF-16 units), and so does DuckDB's length().
      case 'minLength':
        when(`${type} = 'VARCHAR'`, `length(${text}) >= ${count(keyword, value)}`);
        break;
      case 'maxLength':
        when(`${type} = 'VARCHAR'`, `length(${text}) <= ${count(keyword, value)}`);
        break;
      case 'pattern': {
        const literal = typeof value === 'string' && isPortablePattern(value) ? sqlString(value) : undefined;
        when(
          `${type} = 'VARCHAR'`,
          `regexp_matches(${text}, ${literal ?? refusals.refuse(`${where}.pattern`, 'unsupported pattern', `${JSON.stringify(value)} may not mean the same to RE2 as to JavaScript (only ^…$ with literals, \\d, [A-Za-z0-9_] classes and quantifiers are compiled)`)})`,
        );
        break;
      }
      case 'minItems':
        when(`${type} = 'ARRAY'`, `json_array_length(${json}) >= ${count(keyword, value)}`);
        break;
      case 'maxItems':
        when(`${type} = 'ARRAY'`, `json_array_length(${json}) <= ${count(keyword, value)}`);
        break;
      case 'uniqueItems': {
        if (value === false) break;
        // Deep equality is compiled only for lists of strings, where it is string equality.
        const items = schema.items;
        if (value !== true || !isPlainObject(items) || items.type !== 'string') {
          refusals.refuse(`${where}.uniqueItems`, 'unsupported schema keyword', `'uniqueItems' is compiled only with items: { type: string }`);
          break;
        }
        when(`${type} = 'ARRAY'`, `len(list_distinct(json_extract_string(${json}, '$[*]'))) = json_array_length(${json})`);
        break;
      }
      case 'items': {
        if (!isPlainObject(value)) {
          refusals.refuse(`${where}.items`, 'unsupported schema value', `'items' must be one schema`);
          break;
        }
        const element = `e${depth}`;
        const inner = validSql(value, element, `${where}.items`, refusals, depth + 1);
        when(`${type} = 'ARRAY'`, `len(list_filter(json_extract(${json}, '$[*]'), lambda ${element}: NOT (${inner}))) = 0`);
        break;
      }
      case 'properties': {
        if (!isPlainObject(value)) {
          refusals.refuse(`${where}.properties`, 'unsupported schema value', `'properties' must map names to schemas`);
          break;
        }
        for (const [name, sub] of Object.entries(value)) {
          const field = jsonAt(json, [name]);
          if (field === undefined || !isPlainObject(sub)) {
            refusals.refuse(`${where}.properties`, 'unsupported text', `property ${JSON.stringify(name)}`);
            continue;
          }
          // An absent property is valid; a JSON null one is checked like any value (null is absent only at the top).
          when(`${type} = 'OBJECT'`, `CASE WHEN ${field} IS NULL THEN true ELSE ${validSql(sub, field, `${where}.properties.${name}`, refusals, depth + 1)} END`);
        }
        break;
      }
      case 'required': {
        const names = Array.isArray(value) ? value : [];
        for (const name of names) {
          const field = typeof name === 'string' ? jsonAt(json, [name]) : undefined;
          when(`${type} = 'OBJECT'`, field === undefined ? refusals.refuse(`${where}.required`, 'unsupported text', `required ${JSON.stringify(name)}`) : `${field} IS NOT NULL`);
        }
        break;
      }
      case 'additionalProperties': {
        if (value === true) break;
        const declared = Object.keys(isPlainObject(schema.properties) ? schema.properties : {}).map(sqlString);
        if (value !== false || declared.includes(undefined)) {
          refusals.refuse(`${where}.additionalProperties`, 'unsupported schema keyword', `'additionalProperties' is compiled only as false`);
          break;
        }
        when(`${type} = 'OBJECT'`, `len(list_filter(json_keys(${json}), lambda k${depth}: NOT list_contains(${sqlList(declared as string[])}, k${depth}))) = 0`);
        break;
      }
      default:
        refusals.refuse(`${where}.${keyword}`, 'unsupported schema keyword', `'${keyword}' is not compiled to SQL`);
    }
  }
  return parts.length === 0 ? 'true' : `(${parts.join(' AND ')})`;
}

/** A VARCHAR list literal, typed even when empty. */
export function sqlList(literals: readonly string[]): string {
  return `CAST([${literals.join(', ')}] AS VARCHAR[])`;
}

/**
 * Step 1 of an evaluation as SQL: the error code when the record's facts are
 * not an object, carry an undeclared fact, or hold a declared fact that
 * violates its schema (a JSON null one counts as absent); NULL when they pass.
 * Undeclared comes first, as in the reference. A key repeated at the top is
 * `invalid-json`, as design.md says: JavaScript keeps the last value and
 * DuckDB the first, so such a record is never decided.
 */
export function factProblemSql(facts: Record<string, FactSchema>, refusals: Refusals): string {
  const declared: string[] = [];
  const invalid: string[] = [];
  for (const [name, schema] of Object.entries(facts)) {
    const literal = sqlString(name);
    const value = jsonAt('facts', [name]);
    if (literal === undefined || value === undefined) {
      refusals.refuse(`spec.facts`, 'unsupported text', `fact name ${JSON.stringify(name)} holds a NUL character`);
      continue;
    }
    declared.push(literal);
    invalid.push(`(coalesce(json_type(${value}), 'NULL') <> 'NULL' AND NOT ${validSql(schema, value, `spec.facts.${name}`, refusals)})`);
  }
  return `CASE
    WHEN coalesce(json_type(facts), 'NULL') <> 'OBJECT' THEN 'invalid-fact'
    WHEN len(list_distinct(json_keys(facts))) <> len(json_keys(facts)) THEN 'invalid-json'
    WHEN len(list_filter(json_keys(facts), lambda k: NOT list_contains(${sqlList(declared)}, k))) > 0 THEN 'undeclared-fact'
    WHEN ${invalid.length === 0 ? 'false' : invalid.join('\n      OR ')} THEN 'invalid-fact'
  END`;
}

import type { FactSchema } from '@oversight/core';
import { isRefused, type Dialect, type JsonRef } from './dialects/index.js';
import { isScalar, jsonEqualsOneOf } from './json-equal.js';
import { Refusals } from './refusal.js';

// Words that only annotate a schema: they never make a value invalid.
const ANNOTATIONS = new Set(['description', 'title', 'examples', '$comment', 'default', 'deprecated', 'readOnly', 'writeOnly']);
const TYPES = new Set(['string', 'number', 'integer', 'boolean', 'null', 'array', 'object']);
const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export interface CheckContext {
  refusals: Refusals;
  dialect: Dialect;
}

/**
 * SQL that is TRUE when the JSON value `json` (present: never absent) meets
 * `schema`, as ajv decides it, and FALSE otherwise. Keywords outside the
 * supported set are refused, never skipped: a skipped keyword would let an
 * invalid fact be decided.
 */
export function validSql(schema: FactSchema, json: JsonRef, where: string, context: CheckContext, depth = 0): string {
  const { refusals, dialect } = context;
  const parts: string[] = [];
  // Each keyword only constrains values of its own JSON type, as in JSON Schema.
  const when = (test: string, condition: string) => parts.push(`(CASE WHEN ${test} THEN coalesce(${condition}, false) ELSE true END)`);
  // A bound is compiled only where the type admits finite numbers alone: ajv compares an
  // untyped 1e400 (Infinity) with it, and DuckDB cannot cast that to a DOUBLE.
  const types: unknown[] = Array.isArray(schema.type) ? schema.type : [schema.type];
  const finiteOnly = types.every((name) => name === 'number' || name === 'integer' || name === 'null' || name === 'string' || name === 'boolean');
  const number = (keyword: string, value: unknown): string => {
    if (!finiteOnly) return refusals.refuse(`${where}.${keyword}`, 'unsupported schema keyword', `'${keyword}' is compiled only with a type that admits no unbounded number`);
    const literal = typeof value === 'number' ? dialect.number(value) : undefined;
    return literal ?? refusals.refuse(`${where}.${keyword}`, 'unsupported schema value', `'${keyword}' must be a finite number`);
  };
  const count = (keyword: string, value: unknown): string =>
    Number.isSafeInteger(value) ? String(value) : refusals.refuse(`${where}.${keyword}`, 'unsupported schema value', `'${keyword}' must be a whole number`);
  const text = dialect.text(json);
  const isNumber = `coalesce(${dialect.is(json, 'numeric')}, false)`;
  const isString = `coalesce(${dialect.is(json, 'string')}, false)`;
  const isArray = `coalesce(${dialect.is(json, 'array')}, false)`;
  const isObject = `coalesce(${dialect.is(json, 'object')}, false)`;
  const asDouble = dialect.double(json);

  for (const [keyword, value] of Object.entries(schema)) {
    if (ANNOTATIONS.has(keyword)) continue;
    switch (keyword) {
      case 'type': {
        const types = Array.isArray(value) ? value : [value];
        const tests = types.map((name) =>
          typeof name === 'string' && TYPES.has(name)
            ? dialect.is(json, name as 'string')
            : refusals.refuse(`${where}.type`, 'unsupported schema value', `type ${JSON.stringify(name)}`),
        );
        parts.push(`coalesce(${tests.length === 0 ? 'false' : tests.join(' OR ')}, false)`);
        break;
      }
      case 'enum':
      case 'const': {
        const values: unknown[] = keyword === 'enum' ? (Array.isArray(value) ? value : [undefined]) : [value];
        const test = values.every(isScalar) ? jsonEqualsOneOf(dialect, json, values) : undefined;
        parts.push(test ?? refusals.refuse(`${where}.${keyword}`, 'unsupported schema value', `only strings, finite numbers, booleans and null are compared (deep equality of lists and objects is not compiled)`));
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
      // ajv counts code points (not UTF-16 units), and so does each dialect's length.
      case 'minLength':
        when(isString, `${dialect.textLength(text)} >= ${count(keyword, value)}`);
        break;
      case 'maxLength':
        when(isString, `${dialect.textLength(text)} <= ${count(keyword, value)}`);
        break;
      case 'pattern': {
        const matches = typeof value === 'string' ? dialect.matches(text, value) : undefined;
        when(
          isString,
          matches ??
            refusals.refuse(
              `${where}.pattern`,
              'unsupported pattern',
              `${JSON.stringify(value)} may not mean the same to ${dialect.name}'s regex engine as to JavaScript (only ^…$ with literals, \\d, [A-Za-z0-9_] classes and quantifiers are compiled)`,
            ),
        );
        break;
      }
      case 'minItems':
        when(isArray, `${dialect.arrayLength(json)} >= ${count(keyword, value)}`);
        break;
      case 'maxItems':
        when(isArray, `${dialect.arrayLength(json)} <= ${count(keyword, value)}`);
        break;
      case 'uniqueItems': {
        if (value === false) break;
        // Deep equality is compiled only for lists of strings, where it is string equality.
        const items = schema.items;
        if (value !== true || !isPlainObject(items) || items.type !== 'string') {
          refusals.refuse(`${where}.uniqueItems`, 'unsupported schema keyword', `'uniqueItems' is compiled only with items: { type: string }`);
          break;
        }
        when(isArray, dialect.uniqueStrings(json));
        break;
      }
      case 'items': {
        if (!isPlainObject(value)) {
          refusals.refuse(`${where}.items`, 'unsupported schema value', `'items' must be one schema`);
          break;
        }
        const every = dialect.everyItem(json, value, depth, (item) => validSql(value, item, `${where}.items`, context, depth + 1));
        when(
          isArray,
          every ??
            refusals.refuse(`${where}.items`, 'unsupported schema keyword', `'items' is compiled for ${dialect.name} only as an enum of strings that no number, boolean, null, list or object reads as`),
        );
        break;
      }
      case 'properties': {
        if (!isPlainObject(value)) {
          refusals.refuse(`${where}.properties`, 'unsupported schema value', `'properties' must map names to schemas`);
          break;
        }
        for (const [name, sub] of Object.entries(value)) {
          const field = dialect.at(json, [name]);
          if (isRefused(field) || !isPlainObject(sub)) {
            refusals.refuse(`${where}.properties`, 'unsupported text', `property ${JSON.stringify(name)}${isRefused(field) ? `: ${field.refused}` : ''}`);
            continue;
          }
          // An absent property is valid; a JSON null one is checked like any value (null is absent only at the top).
          when(isObject, `CASE WHEN ${dialect.absent(field)} THEN true ELSE ${validSql(sub, field, `${where}.properties.${name}`, context, depth + 1)} END`);
        }
        break;
      }
      case 'required': {
        const names = Array.isArray(value) ? value : [];
        for (const name of names) {
          const has = typeof name === 'string' ? dialect.hasKey(json, name) : undefined;
          when(isObject, has ?? refusals.refuse(`${where}.required`, 'unsupported text', `required ${JSON.stringify(name)}`));
        }
        break;
      }
      case 'additionalProperties': {
        if (value === true) break;
        const declared = Object.keys(isPlainObject(schema.properties) ? schema.properties : {}).map((name) => dialect.string(name));
        if (value !== false || declared.includes(undefined)) {
          refusals.refuse(`${where}.additionalProperties`, 'unsupported schema keyword', `'additionalProperties' is compiled only as false`);
          break;
        }
        when(isObject, dialect.keysAmong(json, declared as string[], depth));
        break;
      }
      default:
        refusals.refuse(`${where}.${keyword}`, 'unsupported schema keyword', `'${keyword}' is not compiled to SQL`);
    }
  }
  return parts.length === 0 ? 'true' : `(${parts.join(' AND ')})`;
}

/**
 * Step 1 of an evaluation as SQL: the error code when the record's facts are
 * not an object, carry an undeclared fact, or hold a declared fact that
 * violates its schema (a JSON null one counts as absent); NULL when they pass.
 * Undeclared comes first, as in the reference. A key repeated at the top is
 * `invalid-json`, as design.md says: JavaScript keeps the last value and
 * an engine may keep the first, so such a record is never decided.
 */
export function factProblemSql(facts: Record<string, FactSchema>, context: CheckContext): string {
  const { refusals, dialect } = context;
  const declared: string[] = [];
  const invalid: string[] = [];
  for (const [name, schema] of Object.entries(facts)) {
    const literal = dialect.string(name);
    const value = dialect.at(dialect.root, [name]);
    if (literal === undefined || isRefused(value)) {
      refusals.refuse(`spec.facts`, 'unsupported text', `fact name ${JSON.stringify(name)}: ${isRefused(value) ? value.refused : 'it holds a NUL character'}`);
      continue;
    }
    declared.push(literal);
    invalid.push(`(NOT (${dialect.unknown(value)}) AND NOT ${validSql(schema, value, `spec.facts.${name}`, context)})`);
  }
  const root = dialect.root;
  return `CASE
    WHEN NOT coalesce(${dialect.is(root, 'object')}, false) THEN 'invalid-fact'
    WHEN ${dialect.repeatsKey(root)} THEN 'invalid-json'
    WHEN NOT (${dialect.keysAmong(root, declared, 0)}) THEN 'undeclared-fact'
    WHEN ${invalid.length === 0 ? 'false' : invalid.join('\n      OR ')} THEN 'invalid-fact'
  END`;
}

import type { PathSegment } from '@oversight/core/internal';
import safeRegex from 'safe-regex2';
import { createRule } from '../rule.js';

/**
 * v1 conditions have no regex operator, so the only regular expressions in a
 * policy are in fact schemas: `pattern`, the keys of `patternProperties`, and
 * `propertyNames`' pattern. Oversight runs them all on RE2, in linear time, and
 * the loader refuses what RE2 cannot run; but a fact schema is a JSON Schema
 * that other validators (an agent's tool schema, an upstream service) may run
 * with a backtracking engine, where nested repetition stalls on a crafted value.
 */
export const unsafeRegex = createRule({
  meta: {
    id: 'unsafe-regex',
    category: 'security',
    defaultSeverity: 'warning',
    messages: {
      unsafe:
        "pattern '{{pattern}}' can take exponential time in a backtracking engine (a repeated group that itself repeats, such as (a+)+): Oversight runs it on RE2 in linear time, but a JavaScript RegExp or PCRE validating the same schema can stall on a crafted value; rewrite it without nested repetition",
    },
    docs: {
      description:
        "No fact schema pattern (`pattern`, `patternProperties` keys, `propertyNames`, at any depth) would backtrack catastrophically in another validator of the schema (safe-regex2's star-height test); Oversight runs them in linear time.",
    },
  },
  check(context) {
    for (const [name, schema] of Object.entries(context.policy.spec.facts)) {
      forEachPattern(schema, ['spec', 'facts', name], (pattern, path, on) => {
        if (!safeRegex(pattern)) context.report({ messageId: 'unsafe', data: { pattern }, path, on });
      });
    }
  },
});

/** Keywords whose value is a schema or a list of schemas, and those that map names to schemas (JSON Schema 2020-12). */
const SCHEMA = new Set([
  'additionalProperties', 'propertyNames', 'items', 'prefixItems', 'contains', 'unevaluatedItems', 'unevaluatedProperties',
  'allOf', 'anyOf', 'oneOf', 'not', 'if', 'then', 'else', 'contentSchema',
]);
const SCHEMA_MAP = new Set(['properties', 'patternProperties', 'dependentSchemas', '$defs', 'definitions']);

type Visit = (pattern: string, path: readonly PathSegment[], on: 'key' | 'value') => void;

/**
 * Every regular expression in a schema, however deep: `pattern` values and
 * `patternProperties` keys, through the keywords that hold subschemas only, so
 * data (`enum`, `const`, `default`, `examples`) is never mistaken for a pattern.
 */
function forEachPattern(schema: unknown, path: readonly PathSegment[], visit: Visit): void {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return;
  for (const [key, value] of Object.entries(schema as Record<string, unknown>)) {
    const at = [...path, key];
    if (key === 'pattern' && typeof value === 'string') visit(value, at, 'value');
    else if (SCHEMA.has(key) && Array.isArray(value)) value.forEach((item, index) => forEachPattern(item, [...at, index], visit));
    else if (SCHEMA.has(key)) forEachPattern(value, at, visit);
    else if (SCHEMA_MAP.has(key) && typeof value === 'object' && value !== null) {
      for (const [name, subschema] of Object.entries(value)) {
        if (key === 'patternProperties') visit(name, [...at, name], 'key');
        forEachPattern(subschema, [...at, name], visit);
      }
    }
  }
}

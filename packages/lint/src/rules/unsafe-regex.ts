import type { PathSegment } from '@oversight/core';
import safeRegex from 'safe-regex2';
import { createRule } from '../rule.js';

/**
 * v1 conditions have no regex operator, so the only regular expressions in a
 * policy are the `pattern`s of fact schemas, which validate every incoming
 * action: one with nested repetition can stall the evaluator on a crafted value.
 */
export const unsafeRegex = createRule({
  meta: {
    id: 'unsafe-regex',
    category: 'security',
    defaultSeverity: 'error',
    messages: {
      unsafe:
        "pattern '{{pattern}}' can take exponential time on some inputs (a repeated group that itself repeats, such as (a+)+): rewrite it without nested repetition",
    },
    docs: { description: "No fact schema `pattern` can backtrack catastrophically (checked with safe-regex2's star-height test)." },
  },
  check(context) {
    for (const [name, schema] of Object.entries(context.policy.spec.facts)) {
      forEachPattern(schema, ['spec', 'facts', name], (pattern, path) => {
        if (!safeRegex(pattern)) context.report({ messageId: 'unsafe', data: { pattern }, path });
      });
    }
  },
});

/** Every `pattern` keyword in a schema, however deep (properties, items, anyOf...). */
function forEachPattern(schema: unknown, path: readonly PathSegment[], visit: (pattern: string, path: readonly PathSegment[]) => void): void {
  if (Array.isArray(schema)) {
    schema.forEach((item, index) => forEachPattern(item, [...path, index], visit));
    return;
  }
  if (typeof schema !== 'object' || schema === null) return;
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'pattern' && typeof value === 'string') visit(value, [...path, key]);
    else forEachPattern(value, [...path, key], visit);
  }
}

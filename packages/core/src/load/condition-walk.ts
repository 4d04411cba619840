import type { Condition, FactCondition } from '../types.js';
import type { PathSegment } from './source-map.js';

/** Calls `visit` for each fact comparison in a condition, with its path in the policy. */
export function forEachLeaf(
  condition: Condition,
  path: readonly PathSegment[],
  visit: (leaf: FactCondition, path: readonly PathSegment[]) => void,
): void {
  if ('all' in condition) condition.all.forEach((c, i) => forEachLeaf(c, [...path, 'all', i], visit));
  else if ('any' in condition) condition.any.forEach((c, i) => forEachLeaf(c, [...path, 'any', i], visit));
  else if ('not' in condition) forEachLeaf(condition.not, [...path, 'not'], visit);
  else visit(condition, path);
}

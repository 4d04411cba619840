import type { Condition, Diagnostic, Policy } from '../types.js';
import { formatPath, type PathSegment, type SourceMap } from './source-map.js';

/**
 * What one policy may hold, so that loading, compiling, linting and every
 * engine stay bounded (docs/policy-format.md, "Limits"). Real policies use a
 * few levels and a few dozen comparisons; the limits are far above that.
 */
export const POLICY_LIMITS = {
  /** Levels of all / any / not above a comparison. */
  conditionDepth: 32,
  /** Fact comparisons in all the rules together. */
  comparisons: 10_000,
} as const;

/** Diagnostics for a policy beyond POLICY_LIMITS, each naming the limit. */
export function checkLimits(policy: Policy, file: string, source: SourceMap): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  let comparisons = 0;
  policy.spec.rules.forEach((rule, index) => {
    const deepest = deepestPath(rule.when, ['spec', 'rules', index, 'when']);
    comparisons += deepest.comparisons;
    if (deepest.depth > POLICY_LIMITS.conditionDepth) {
      diagnostics.push({
        ruleId: 'policy-too-large',
        severity: 'error',
        message: `${formatPath(['spec', 'rules', index, 'when'])}: rule '${rule.id}' nests all / any / not ${deepest.depth} levels deep; a condition may nest at most ${POLICY_LIMITS.conditionDepth}. Split the rule, or flatten nested all (or any) into one list`,
        file,
        range: source.keyRange(deepest.path),
      });
    }
  });
  if (comparisons > POLICY_LIMITS.comparisons) {
    diagnostics.push({
      ruleId: 'policy-too-large',
      severity: 'error',
      message: `spec.rules: the rules hold ${comparisons} fact comparisons; a policy may hold at most ${POLICY_LIMITS.comparisons}. Split it into policies per action type, or turn long lists of equal comparisons into one in`,
      file,
      range: source.keyRange(['spec', 'rules']),
    });
  }
  return diagnostics;
}

interface Deepest {
  depth: number;
  /** The all / any / not at the deepest level (the limit's first excess), or the condition. */
  path: PathSegment[];
  comparisons: number;
}

// Iterative, so a hostile depth is measured without recursion.
function deepestPath(root: Condition, rootPath: PathSegment[]): Deepest {
  const result: Deepest = { depth: 0, path: rootPath, comparisons: 0 };
  const stack: { node: Condition; path: PathSegment[]; depth: number }[] = [{ node: root, path: rootPath, depth: 0 }];
  while (stack.length > 0) {
    const { node, path, depth } = stack.pop()!;
    if (!('all' in node || 'any' in node || 'not' in node)) {
      result.comparisons++;
      continue;
    }
    if (depth + 1 > result.depth) result.depth = depth + 1;
    if (depth + 1 === POLICY_LIMITS.conditionDepth + 1 && result.path === rootPath) result.path = path;
    if ('not' in node) stack.push({ node: node.not, path: [...path, 'not'], depth: depth + 1 });
    else if ('all' in node) node.all.forEach((child, i) => stack.push({ node: child, path: [...path, 'all', i], depth: depth + 1 }));
    else node.any.forEach((child, i) => stack.push({ node: child, path: [...path, 'any', i], depth: depth + 1 }));
  }
  return result;
}

import type { Condition, Diagnostic, Policy } from '../types.js';
import { MAX_YAML_DEPTH } from './parse-yaml.js';
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
  /** Rules in spec.rules (the linter compares rules pairwise). */
  rules: 1_000,
  /** Keys in any one mapping: facts, thresholds, reviewers, a schema's properties. */
  keysPerMapping: 1_000,
  /** Items in any one list: an enum, the values of an in. */
  itemsPerList: 10_000,
  /** Levels of nested mappings and lists. */
  nesting: MAX_YAML_DEPTH,
} as const;

/**
 * The limits on counts, checked on the parsed data before the schema runs
 * (validating a mapping of a million keys would report a million errors).
 * One diagnostic, the first excess in document order, naming the limit.
 */
export function checkShape(data: unknown, file: string, source: SourceMap): Diagnostic[] {
  const found = (path: PathSegment[], message: string): Diagnostic[] => [
    { ruleId: 'policy-too-large', severity: 'error', message: `${formatPath(path) || 'the policy'}: ${message}`, file, range: source.keyRange(path) },
  ];
  const rules = (data as { spec?: { rules?: unknown } } | null)?.spec?.rules;
  if (Array.isArray(rules) && rules.length > POLICY_LIMITS.rules) {
    return found(['spec', 'rules'], `${rules.length} rules; a policy may hold at most ${POLICY_LIMITS.rules}. Split it into policies per action type`);
  }
  const stack: { value: unknown; path: PathSegment[] }[] = [{ value: data, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    // Mapping keys and list indexes alternate with values, so nesting is the count of container segments.
    if (path.length > POLICY_LIMITS.nesting) return found(path, `nested ${path.length} levels deep; a policy may nest at most ${POLICY_LIMITS.nesting}`);
    const entries: [PathSegment, unknown][] = Array.isArray(value) ? value.map((item, i) => [i, item]) : Object.entries(value);
    if (Array.isArray(value) && value.length > POLICY_LIMITS.itemsPerList) {
      return found(path, `a list of ${value.length} items; a list may hold at most ${POLICY_LIMITS.itemsPerList}`);
    }
    if (!Array.isArray(value) && entries.length > POLICY_LIMITS.keysPerMapping) {
      return found(path, `a mapping of ${entries.length} keys; a mapping may hold at most ${POLICY_LIMITS.keysPerMapping}`);
    }
    for (let i = entries.length - 1; i >= 0; i--) stack.push({ value: entries[i]![1], path: [...path, entries[i]![0]] });
  }
  return [];
}

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

import { readPath } from '../compile/read-path.js';
import { FALSE, TRUE, UNKNOWN, type ConditionNode, type LeafNode, type Tri } from '../compile/plan.js';

/** The value a leaf compares: the fact, or the field its path names. */
export function leafValue(leaf: LeafNode, values: readonly unknown[]): unknown {
  const value = values[leaf.fact];
  return leaf.path === undefined || value == null ? value : readPath(value, leaf.path);
}

export function leafExpected(leaf: LeafNode, thresholds: ArrayLike<number>): unknown {
  return leaf.threshold >= 0 ? thresholds[leaf.threshold] : leaf.literal;
}

/**
 * json-rules-engine's operators over a present value. The loader has made
 * each operator fit its operand's declared type, and the facts are checked,
 * so a numeric operator meets a finite number and contains meets a list.
 */
export function compare(leaf: LeafNode, actual: unknown, expected: unknown): boolean {
  switch (leaf.operator) {
    case 'equal':
      return actual === expected;
    case 'notEqual':
      return actual !== expected;
    case 'in':
      return (expected as unknown[]).indexOf(actual) !== -1;
    case 'notIn':
      return (expected as unknown[]).indexOf(actual) === -1;
    case 'contains':
    case 'doesNotContain':
      return ((actual as unknown[]).indexOf(expected) !== -1) === (leaf.operator === 'contains');
    default: {
      const [value, limit] = [actual as number, expected as number];
      if (leaf.operator === 'lessThan') return value < limit;
      if (leaf.operator === 'lessThanInclusive') return value <= limit;
      if (leaf.operator === 'greaterThan') return value > limit;
      return value >= limit;
    }
  }
}

/** A leaf's state over the value of its fact (the path is read here): what the analysis asks of one value. */
export function leafState(leaf: LeafNode, factValue: unknown, thresholds: ArrayLike<number>): Tri {
  const actual = leaf.path === undefined || factValue == null ? factValue : readPath(factValue, leaf.path);
  if (actual == null) return UNKNOWN;
  return compare(leaf, actual, leafExpected(leaf, thresholds)) ? TRUE : FALSE;
}

/**
 * Kleene three-valued evaluation, the reference the generated kernel must match:
 * an absent or null operand is UNKNOWN; `all` is false if any child is false,
 * `any` true if any child is true; both stop at the first decisive child.
 */
export function evaluateCondition(node: ConditionNode, values: readonly unknown[], thresholds: ArrayLike<number>): Tri {
  switch (node.kind) {
    case 'leaf':
      return leafState(node, values[node.fact], thresholds);
    case 'all': {
      let result: Tri = TRUE;
      for (const child of node.children) {
        const state = evaluateCondition(child, values, thresholds);
        if (state === FALSE) return FALSE;
        if (state === UNKNOWN) result = UNKNOWN;
      }
      return result;
    }
    case 'any': {
      let result: Tri = FALSE;
      for (const child of node.children) {
        const state = evaluateCondition(child, values, thresholds);
        if (state === TRUE) return TRUE;
        if (state === UNKNOWN) result = UNKNOWN;
      }
      return result;
    }
    case 'not': {
      const state = evaluateCondition(node.child, values, thresholds);
      return state === UNKNOWN ? UNKNOWN : state === TRUE ? FALSE : TRUE;
    }
  }
}

/** How each operator reads, held and not held: `amount > 50`, or `amount <= 50`. */
export const OPERATOR_SYMBOLS = {
  equal: ['=', '!='],
  notEqual: ['!=', '='],
  lessThan: ['<', '>='],
  lessThanInclusive: ['<=', '>'],
  greaterThan: ['>', '<='],
  greaterThanInclusive: ['>=', '<'],
  in: ['in', 'not in'],
  notIn: ['not in', 'in'],
  contains: ['contains', 'does not contain'],
  doesNotContain: ['does not contain', 'contains'],
} as const;

/** What a leaf compares with, as reasons show it: `autoRefundMax 50`, or the literal. */
export function expectedText(leaf: LeafNode, thresholds: ArrayLike<number>, names: readonly string[]): string {
  return leaf.threshold >= 0 ? `${names[leaf.threshold]} ${thresholds[leaf.threshold]}` : leaf.literalText;
}

/**
 * Why a condition came out as `want`, with actual values: for a true rule,
 * `amount 120 > autoRefundMax 50`. A `not` explains its child as false, so
 * negations read as the comparison that held.
 */
export function explain(
  node: ConditionNode,
  want: boolean,
  values: readonly unknown[],
  thresholds: ArrayLike<number>,
  names: readonly string[],
  out: string[] = [],
): string[] {
  switch (node.kind) {
    case 'leaf': {
      const expected = expectedText(node, thresholds, names);
      out.push(`${node.label} ${show(leafValue(node, values))} ${OPERATOR_SYMBOLS[node.operator][want ? 0 : 1]} ${expected}`);
      return out;
    }
    case 'not':
      return explain(node.child, !want, values, thresholds, names, out);
    case 'all':
    case 'any': {
      // all-true and any-false need every child; all-false and any-true need the decisive ones.
      const everyChild = (node.kind === 'all') === want;
      for (const child of node.children) {
        if (everyChild || evaluateCondition(child, values, thresholds) === (want ? TRUE : FALSE)) {
          explain(child, want, values, thresholds, names, out);
        }
      }
      return out;
    }
  }
}

/** The facts (with path) whose absence left a condition UNKNOWN. */
export function missingFacts(node: ConditionNode, values: readonly unknown[], thresholds: ArrayLike<number>, out: string[] = []): string[] {
  if (node.kind === 'leaf') {
    if (leafValue(node, values) == null && !out.includes(node.label)) out.push(node.label);
  } else if (node.kind === 'not') {
    missingFacts(node.child, values, thresholds, out);
  } else {
    for (const child of node.children) {
      if (evaluateCondition(child, values, thresholds) === UNKNOWN) missingFacts(child, values, thresholds, out);
    }
  }
  return out;
}

// Control characters are what JSON escapes: matching them is the point.
// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /["\\\u0000-\u001f\u2028\u2029\ud800-\udfff]/;

/** A value in a reason or summary: strings quoted, long lists cut. */
export function show(value: unknown): string {
  if (value === undefined) return 'missing';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  // Most strings need no escaping: quoting them directly is several times faster than JSON.stringify.
  if (typeof value === 'string' && value.length <= 78 && !NEEDS_ESCAPE.test(value)) return `"${value}"`;
  const text = JSON.stringify(value);
  return text.length > 80 ? text.slice(0, 77) + '...' : text;
}

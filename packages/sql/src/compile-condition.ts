import type { Condition, FactCondition } from '@oversight/core';
import { isRefused, type Dialect, type JsonRef } from './dialects/index.js';
import { isScalar, jsonEqualsScalar, knownList, type Scalar } from './json-equal.js';
import { Refusals } from './refusal.js';

// The paths the reference reads exactly: `.name` and `[index]` steps from `$`.
const PATH = /^\$(?:\.[A-Za-z_][A-Za-z0-9_]*|\[(?:0|[1-9][0-9]{0,8})\])*$/;
const STEP = /\.([A-Za-z_][A-Za-z0-9_]*)|\[([0-9]+)\]/g;
const NUMERIC = { lessThan: '<', lessThanInclusive: '<=', greaterThan: '>', greaterThanInclusive: '>=' } as const;

export interface ConditionContext {
  thresholds: Readonly<Record<string, number>>;
  refusals: Refusals;
  dialect: Dialect;
  /** SQL for a leaf's state by its path, used instead of compiling the leaf (computed elsewhere). */
  leafStates?: Readonly<Record<string, string>>;
}

/**
 * A rule's condition as a SQL boolean over `facts`, three-valued as the
 * design says: NULL is unknown. SQL's AND, OR and NOT are Kleene's, so
 * all/any/not map onto them; a leaf is NULL when its fact or path is absent
 * or JSON null, and TRUE or FALSE (never NULL) otherwise.
 */
export function compileCondition(condition: Condition, where: string, context: ConditionContext): string {
  if ('all' in condition) return condition.all.length === 0 ? 'true' : `(${condition.all.map((child, i) => compileCondition(child, `${where}.all[${i}]`, context)).join(' AND ')})`;
  if ('any' in condition) return condition.any.length === 0 ? 'false' : `(${condition.any.map((child, i) => compileCondition(child, `${where}.any[${i}]`, context)).join(' OR ')})`;
  if ('not' in condition) return `(NOT ${compileCondition(condition.not, `${where}.not`, context)})`;
  return context.leafStates?.[where] ?? compileLeaf(condition, where, context);
}

function compileLeaf(leaf: FactCondition, where: string, { thresholds, refusals, dialect }: ConditionContext): string {
  const actual = leafValue(leaf, where, refusals, dialect);
  if (typeof actual === 'string') return actual;
  const refuseValue = (why: string) => refusals.refuse(`${where}.value`, 'unsupported condition value', `${leaf.operator} ${why}`);
  const equals = (json: JsonRef, value: Scalar) => jsonEqualsScalar(dialect, json, value) ?? refuseValue(`cannot compare with ${JSON.stringify(value)}`);
  const value = leaf.value;
  let expected: Scalar | Scalar[];
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    if (!Object.hasOwn(thresholds, value.threshold)) return refuseValue(`names an undeclared threshold '${value.threshold}'`);
    expected = thresholds[value.threshold]!;
  } else {
    expected = value;
  }

  const direct = knownLeaf(leaf.operator, actual, expected, dialect);
  if (direct !== undefined) return direct;
  let compared: string;
  switch (leaf.operator) {
    case 'equal':
    case 'notEqual': {
      // A list is never === a fact's value: each is its own object.
      const equal = isScalar(expected) ? equals(actual, expected) : 'false';
      compared = leaf.operator === 'equal' ? equal : `NOT ${equal}`;
      break;
    }
    case 'in':
    case 'notIn': {
      if (!Array.isArray(expected) || !expected.every(isScalar)) return refuseValue('needs a list of scalars');
      const member = expected.length === 0 ? 'false' : `(${expected.map((item) => equals(actual, item)).join(' OR ')})`;
      compared = leaf.operator === 'in' ? member : `NOT ${member}`;
      break;
    }
    case 'contains':
    case 'doesNotContain': {
      if (!isScalar(expected)) return refuseValue('needs a scalar');
      // The loader only lets contains read a fact declared an array, and the facts are checked first.
      const has =
        dialect.containsItem(actual, expected, (item) => jsonEqualsScalar(dialect, item, expected)) ??
        refuseValue(`${JSON.stringify(expected)}: ${dialect.name} cannot tell that item from another type's in a list`);
      compared = leaf.operator === 'contains' ? has : `NOT ${has}`;
      break;
    }
    default: {
      const limit = typeof expected === 'number' ? dialect.number(expected) : undefined;
      if (limit === undefined) return refuseValue('needs a finite number');
      compared = `coalesce(CASE WHEN ${dialect.is(actual, 'numeric')} THEN ${dialect.double(actual)} ${NUMERIC[leaf.operator]} ${limit} ELSE false END, false)`;
    }
  }
  return `(CASE WHEN ${dialect.unknown(actual)} THEN NULL ELSE ${compared} END)`;
}

// The JSON the leaf compares: the fact, or the field or element its path names; a refusal's placeholder when not compiled.
export function leafValue(leaf: FactCondition, where: string, refusals: Refusals, dialect: Dialect): JsonRef | string {
  const path = leaf.path ?? '$';
  if (!PATH.test(path)) return refusals.refuse(`${where}.path`, 'unsupported path', `${JSON.stringify(path)}: only $.field and $[index] steps are compiled`);
  const segments: (string | number)[] = [leaf.fact];
  for (const [, field, index] of path.matchAll(STEP)) {
    // A list's own `length` is a property in JavaScript but no key in JSON.
    if (field === 'length') return refusals.refuse(`${where}.path`, 'unsupported path', `${JSON.stringify(path)}: a 'length' step may read a list's length in JavaScript`);
    segments.push(field ?? Number(index));
  }
  const value = dialect.at(dialect.root, segments);
  if (!isRefused(value)) return value;
  return leaf.path === undefined || isRefused(dialect.at(dialect.root, [leaf.fact]))
    ? refusals.refuse(`${where}.fact`, 'unsupported text', `fact name ${JSON.stringify(leaf.fact)}: ${value.refused}`)
    : refusals.refuse(`${where}.path`, 'unsupported path', `${JSON.stringify(path)}: ${value.refused}`);
}

/**
 * A leaf over a value whose JSON type the dialect knows (a typed column),
 * compared directly: SQL's comparison is NULL when the value is, which is
 * unknown, and a value of another type never equals, so the type guards the
 * general form needs fall away. Undefined where the general form applies.
 */
function knownLeaf(operator: FactCondition['operator'], actual: JsonRef, expected: Scalar | Scalar[], dialect: Dialect): string | undefined {
  const known = dialect.known?.(actual);
  if (known === undefined) return undefined;
  // A present value of the known type matches none of the values: FALSE, or NULL when absent.
  const never = `(CASE WHEN ${dialect.unknown(actual)} THEN NULL ELSE false END)`;
  switch (operator) {
    case 'equal':
    case 'notEqual':
    case 'in':
    case 'notIn': {
      const values = operator === 'equal' || operator === 'notEqual' ? [expected] : expected;
      if (!Array.isArray(values) || !values.every(isScalar)) return undefined;
      // null is of no known type: it matches nothing here.
      const list = knownList(dialect, actual, known, values.filter((value) => value !== null));
      if (list === undefined) return undefined;
      const member = list.read === undefined ? never : `(${list.read} IN (${list.literals.join(', ')}))`;
      return operator === 'equal' || operator === 'in' ? member : `(NOT ${member})`;
    }
    case 'lessThan':
    case 'lessThanInclusive':
    case 'greaterThan':
    case 'greaterThanInclusive': {
      const limit = typeof expected === 'number' ? dialect.number(expected) : undefined;
      if (limit === undefined) return undefined;
      return known === 'numeric' ? `(${dialect.double(actual)} ${NUMERIC[operator]} ${limit})` : never;
    }
    default:
      return undefined;
  }
}

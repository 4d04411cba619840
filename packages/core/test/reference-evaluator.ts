// An independent reading of design.md's "Semantics that must hold", written
// to be checked by eye against it: it decides a raw Policy (the YAML shape)
// step by step, and shares no code with src/evaluate or src/compile, so a bug
// in the compiled evaluators' shared combining step cannot hide from it.
// Slow on purpose: no short-circuits, no caches beyond ajv's validators.
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { Condition, ErrorCode, FactCondition, Policy, Route, Rule } from '../src/types.js';

export interface ReferenceDecision {
  route: Route;
  error?: ErrorCode;
  /** Ids of the rules whose condition is true. */
  matched: string[];
  /** Ids of the rules whose condition is unknown. */
  undecided: string[];
  reviewer?: string;
  /** The route step 3 chose, before the gate and failing closed: the suite counts how often the gate is exercised. */
  chosen?: Route;
}

type Truth = boolean | 'unknown';

// design.md: "Ordered from least to most restrictive".
const ROUTE_ORDER: readonly Route[] = ['auto', 'review_after', 'approve_before', 'escalate', 'deny'];
const restrictiveness = (route: Route): number => ROUTE_ORDER.indexOf(route);
// The two routes that run the action before anyone looks: the gate guards both.
const RUNS_BEFORE_A_PERSON_LOOKS: readonly Route[] = ['auto', 'review_after'];
const HUMAN_ROUTES: readonly Route[] = ['review_after', 'approve_before', 'escalate'];

/**
 * Decides `facts` under `policy` as design.md's order of evaluation says.
 * `thresholdOverrides` replaces threshold values by name, as the simulator does.
 */
export function referenceDecide(policy: Policy, facts: unknown, thresholdOverrides: Readonly<Record<string, number>> = {}): ReferenceDecision {
  const spec = policy.spec;
  const onError = spec.onError ?? 'approve_before';
  // Who answers for a human decision: a rule's reviewer, else the policy's owner (spec.reviewer).
  const decision = (route: Route, error: ErrorCode | undefined, matched: Rule[], undecided: Rule[], reviewer: string | undefined, chosen?: Route): ReferenceDecision => ({
    route,
    ...(error === undefined ? {} : { error }),
    matched: matched.map((rule) => rule.id),
    undecided: undecided.map((rule) => rule.id),
    ...(reviewer !== undefined && HUMAN_ROUTES.includes(route) ? { reviewer } : {}),
    ...(chosen === undefined ? {} : { chosen }),
  });

  // (1) Check the facts: undeclared keys, then schema violations; null counts as absent.
  const problem = checkFacts(policy, facts);
  if (problem !== undefined) return decision(onError, problem, [], [], spec.reviewer);
  const given = facts as Record<string, unknown>;

  // (2) Every rule, three-valued.
  const thresholdValue = (name: string): number =>
    Object.hasOwn(thresholdOverrides, name) ? thresholdOverrides[name]! : spec.thresholds![name]!.value;
  const truths = spec.rules.map((rule) => decideCondition(rule.when, given, thresholdValue));
  const matched = spec.rules.filter((_, i) => truths[i] === true);
  const undecided = spec.rules.filter((_, i) => truths[i] === 'unknown');

  // (3) The strategy, or the default. `choosers` are the rules that chose the route (none for the default).
  const firstMatch = spec.strategy === 'first-match';
  let chosen: Route;
  let choosers: Rule[];
  if (matched.length === 0) {
    chosen = spec.default ?? 'approve_before';
    choosers = [];
  } else if (firstMatch) {
    chosen = matched[0]!.route;
    choosers = [matched[0]!];
  } else {
    chosen = matched.map((rule) => rule.route).reduce((a, b) => (restrictiveness(b) > restrictiveness(a) ? b : a));
    choosers = matched.filter((rule) => rule.route === chosen);
  }

  // (4) The irreversible gate: the default is never exempt, and every chooser must be.
  let route = chosen;
  let error: ErrorCode | undefined;
  let gated = false;
  const exempt = choosers.length > 0 && choosers.every((rule) => rule.exempt?.includes('irreversible') === true);
  if (RUNS_BEFORE_A_PERSON_LOOKS.includes(route) && Object.hasOwn(spec.facts, 'irreversible') && !exempt) {
    const irreversible = ownValue(given, 'irreversible');
    if (irreversible === true) {
      route = 'approve_before';
      gated = true;
    } else if (irreversible == null) {
      route = onError;
      error = 'irreversibility-unknown';
    }
  }

  // (5) Fail closed: an unknown rule that counts and is stricter than the route from (4).
  // Under first-match only the rules ahead of the deciding one count.
  const counting = firstMatch && matched.length > 0 ? spec.rules.slice(0, spec.rules.indexOf(matched[0]!)) : spec.rules;
  if (counting.some((rule) => undecided.includes(rule) && restrictiveness(rule.route) > restrictiveness(route))) {
    route = onError;
    error ??= 'missing-fact';
  }

  // The reviewer: a rule's own only when that rule's route stands (under most-restrictive,
  // the first rule that chose it and names one; under first-match, the deciding rule);
  // otherwise the policy's owner.
  let ruleReviewer: string | undefined;
  if (error === undefined && !gated && choosers.length > 0) {
    ruleReviewer = choosers.find((rule) => rule.reviewer !== undefined)?.reviewer;
  }
  return decision(route, error, matched, undecided, ruleReviewer ?? spec.reviewer, chosen);
}

function checkFacts(policy: Policy, facts: unknown): ErrorCode | undefined {
  if (facts === null || typeof facts !== 'object' || Array.isArray(facts)) return 'invalid-fact';
  const declared = policy.spec.facts;
  const names = Object.keys(facts);
  if (names.some((name) => !Object.hasOwn(declared, name))) return 'undeclared-fact';
  const values = facts as Record<string, unknown>;
  if (names.some((name) => values[name] != null && !validatorFor(declared[name]!)(values[name]))) return 'invalid-fact';
  return undefined;
}

// Kleene logic: false beats unknown in `all`, true beats unknown in `any`, `not` keeps unknown.
function decideCondition(condition: Condition, facts: Record<string, unknown>, thresholdValue: (name: string) => number): Truth {
  if ('all' in condition) {
    const truths = condition.all.map((child) => decideCondition(child, facts, thresholdValue));
    return truths.includes(false) ? false : truths.includes('unknown') ? 'unknown' : true;
  }
  if ('any' in condition) {
    const truths = condition.any.map((child) => decideCondition(child, facts, thresholdValue));
    return truths.includes(true) ? true : truths.includes('unknown') ? 'unknown' : false;
  }
  if ('not' in condition) {
    const truth = decideCondition(condition.not, facts, thresholdValue);
    return truth === 'unknown' ? 'unknown' : !truth;
  }
  const actual = readLeaf(condition, facts);
  if (actual == null) return 'unknown';
  const value = condition.value;
  const expected = typeof value === 'object' && value !== null && !Array.isArray(value) ? thresholdValue(value.threshold) : value;
  return compare(condition, actual, expected);
}

// The fact, or the field its path names; own properties only, never a prototype's.
function readLeaf(leaf: FactCondition, facts: Record<string, unknown>): unknown {
  let current = ownValue(facts, leaf.fact);
  for (const [, field, index] of (leaf.path ?? '$').matchAll(/\.([A-Za-z_][A-Za-z0-9_]*)|\[([0-9]+)\]/g)) {
    current = ownValue(current, field ?? Number(index));
  }
  return current;
}

function ownValue(container: unknown, key: string | number): unknown {
  if (container === null || typeof container !== 'object' || !Object.hasOwn(container, key)) return undefined;
  return (container as Record<string | number, unknown>)[key];
}

// json-rules-engine's operators. The loader refuses an operator that does not fit
// the fact's declared type, so a mismatch here means a generated policy the loader
// would refuse: it throws, to fail the test loudly rather than decide it somehow.
function compare(leaf: FactCondition, actual: unknown, expected: unknown): boolean {
  const needs = (ok: boolean, what: string) => {
    if (!ok) throw new TypeError(`reference: ${leaf.operator} on ${leaf.fact}${leaf.path ?? ''} needs ${what}, got ${JSON.stringify(actual)}`);
  };
  switch (leaf.operator) {
    case 'equal':
      return actual === expected;
    case 'notEqual':
      return actual !== expected;
    case 'in':
      return (expected as unknown[]).includes(actual);
    case 'notIn':
      return !(expected as unknown[]).includes(actual);
    case 'contains':
    case 'doesNotContain':
      needs(Array.isArray(actual), 'a list');
      return (actual as unknown[]).includes(expected) === (leaf.operator === 'contains');
    default:
      needs(typeof actual === 'number' && Number.isFinite(actual), 'a number');
      if (leaf.operator === 'lessThan') return (actual as number) < (expected as number);
      if (leaf.operator === 'lessThanInclusive') return (actual as number) <= (expected as number);
      if (leaf.operator === 'greaterThan') return (actual as number) > (expected as number);
      return (actual as number) >= (expected as number);
  }
}

// The loader's settings, so a fact schema means here what it means there.
const ajv = new Ajv2020({ strict: true, allowUnionTypes: true });
addFormats.default(ajv);
const validators = new Map<string, ValidateFunction>();
function validatorFor(schema: Record<string, unknown>): ValidateFunction {
  const key = JSON.stringify(schema);
  let validate = validators.get(key);
  if (validate === undefined) {
    validate = ajv.compile(structuredClone(schema));
    validators.set(key, validate);
  }
  return validate;
}

// The logic rules' analysis against the evaluator, on random policies.
//
// `unreachable-rule` (first-match) and `shadowed-rule` (most-restrictive) say
// a rule never decides. "Decides" is the evaluator's: under first-match the
// first true rule in file order; under most-restrictive the first in file
// order among the true rules of the highest route. Both directions:
//
// 1. Sound: a reported rule decides no input, and removing it changes no
//    route, on inputs sampled independently of the analysis (the shared random
//    facts, and values on and around every number the policy compares with).
// 2. Complete where the analysis can tell: for every rule, the region where
//    it can change the outcome (it decides, or, under most-restrictive, it is
//    the unexempt rule that keeps the irreversible gate shut) is computed from
//    the analysis; when that region is empty the linter reports the rule, and
//    when it is not, a concrete input is built in each of its boxes (boundary
//    values of each interval, allowed values of each set) and the evaluator
//    must agree that the rule changes the outcome there.
//
// Where the analysis is deliberately incomplete the test says so and counts:
// a region too large to analyse (more than 512 boxes) is not judged; facts are
// all present (a missing fact fails closed, the analysis' stated assumption);
// and a comparison on an array's element (`tags[0]`) is independent of
// `contains` on the same array in the analysis, though not in fact, so a box
// that needs both to disagree has no input (the rule is then merely not
// reported, never wrongly reported).
import fc from 'fast-check';
import { compilePolicy, evaluateRoute, ROUTES, type FactSchema, type Policy, type Route } from '@oversight/core';
import { forEachLeaf, isThresholdRef } from '@oversight/core/internal';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { completeFacts, factsFor, policy as arbitraryPolicy } from '../../core/test/arbitraries.js';
import type { Box, Dimension, NumericConstraint, Region, Scalar, SetConstraint } from '../src/analysis/domain.js';
import { irreversibleRegions, isExempt, isGatedRoute } from '../src/analysis/irreversible-gate.js';
import { analysePolicy, type PolicyAnalysis } from '../src/analysis/policy-analysis.js';
import { lintPolicy, RULES } from '../src/index.js';
import { NOW } from './policy-text.js';

const RUNS = 1000;
const TIMEOUT = 300_000;
const INPUTS_PER_POLICY = 30;
/** Boxes of a witness region turned into inputs, per rule: the first ones, in the analysis' order. */
const BOXES_PER_RULE = 12;
const FRESH = 'zz-unlisted';

const rank = (route: Route) => ROUTES.indexOf(route);
const LINT_RULES = RULES.filter((rule) => ['valid-policy', 'unreachable-rule', 'shadowed-rule'].includes(rule.meta.id));

/** The ids of the rules the linter reports as never deciding; the policy must load. */
function reportedRules(policy: Policy): Set<string> {
  const { diagnostics } = lintPolicy(stringify(policy), 'generated.yaml', { now: NOW, rules: LINT_RULES });
  expect(diagnostics.filter((d) => d.ruleId === 'valid-policy').map((d) => d.message)).toEqual([]);
  return new Set(diagnostics.map((d) => /^rule '([^']+)'/.exec(d.message)![1]!));
}

/** The deciding rule by the definition above, from the evaluator's rule states (1 = true). */
function decidingRule(policy: Policy, states: readonly number[]): number {
  const firstMatch = policy.spec.strategy === 'first-match';
  let deciding = -1;
  policy.spec.rules.forEach((rule, i) => {
    if (states[i] !== 1) return;
    if (deciding < 0 || (!firstMatch && rank(rule.route) > rank(policy.spec.rules[deciding]!.route))) deciding = i;
  });
  return deciding;
}

/** Evaluates compiled policies (the policy, and the policy without each rule) on complete facts. */
class Oracle {
  private readonly plans = new Map<number, ReturnType<typeof compilePolicy>>();
  constructor(private readonly policy: Policy) {}

  private plan(without: number) {
    let plan = this.plans.get(without);
    if (plan === undefined) {
      const rules = this.policy.spec.rules.filter((_, i) => i !== without);
      plan = compilePolicy({ ...this.policy, spec: { ...this.policy.spec, rules } });
      this.plans.set(without, plan);
    }
    return plan;
  }

  /** Route and rule states; the facts must be complete and valid (every rule decided). */
  run(facts: Record<string, unknown>, without = -1): { route: Route; states: number[] } {
    const result = evaluateRoute(this.plan(without), facts);
    const states = [...result.states];
    expect(result.error, `facts ${JSON.stringify(facts)} are complete and valid`).toBeUndefined();
    expect(states.includes(2), `facts ${JSON.stringify(facts)} decide every rule`).toBe(false);
    return { route: result.route, states };
  }

  /** Whether rule `index` decides these facts, or removing it changes their route. */
  changesOutcome(index: number, facts: Record<string, unknown>): { decides: boolean; routeChanges: boolean } {
    const { route, states } = this.run(facts);
    return { decides: decidingRule(this.policy, states) === index, routeChanges: this.run(facts, index).route !== route };
  }
}

// ---- Inputs sampled without the analysis ----------------------------------------------------

/** `fact` plus its path: the key the analysis and this test give a compared value. */
const keyOf = (fact: string, path: string | undefined) => `${fact}${path ?? ''}`;
const mainType = (schema: FactSchema): string | undefined => (Array.isArray(schema.type) ? (schema.type as string[]).find((t) => t !== 'null') : (schema.type as string | undefined));

/** What each compared value is compared with: numbers (literals and thresholds at their value) and other scalars. */
function comparedValues(policy: Policy): Map<string, Scalar[]> {
  const values = new Map<string, Scalar[]>();
  for (const rule of policy.spec.rules) {
    forEachLeaf(rule.when, [], (leaf) => {
      const value = isThresholdRef(leaf.value) ? policy.spec.thresholds?.[leaf.value.threshold]?.value : leaf.value;
      const list = values.get(keyOf(leaf.fact, leaf.path)) ?? [];
      list.push(...((Array.isArray(value) ? value : [value]) as Scalar[]).filter((v) => v !== undefined));
      values.set(keyOf(leaf.fact, leaf.path), list);
    });
  }
  return values;
}

function fitsNumber(schema: FactSchema, x: number): boolean {
  const { minimum, maximum, exclusiveMinimum, exclusiveMaximum } = schema as Record<string, number | undefined>;
  if (mainType(schema) === 'integer' && !Number.isInteger(x)) return false;
  return (minimum === undefined || x >= minimum) && (maximum === undefined || x <= maximum) && (exclusiveMinimum === undefined || x > exclusiveMinimum) && (exclusiveMaximum === undefined || x < exclusiveMaximum);
}

/** Every number compared with, and its neighbours on both sides (±0.5, ±1), that the schema allows. */
function numbersAround(schema: FactSchema, compared: readonly Scalar[]): number[] {
  const anchors = [0, ...compared.filter((v): v is number => typeof v === 'number')];
  const candidates = [...new Set(anchors.flatMap((v) => [v - 1, v - 0.5, v, v + 0.5, v + 1]))].filter((x) => fitsNumber(schema, x));
  return candidates.length > 0 ? candidates : [baselineNumber(schema)];
}

/** Complete facts whose values sit on and around what the policy compares them with. */
function boundaryFacts(policy: Policy): fc.Arbitrary<Record<string, unknown>> {
  const compared = comparedValues(policy);
  const valueOf = (schema: FactSchema, key: string): fc.Arbitrary<unknown> => {
    if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]).filter((v) => v !== null));
    switch (mainType(schema)) {
      case 'boolean':
        return fc.boolean();
      case 'number':
      case 'integer':
        return fc.constantFrom(...numbersAround(schema, compared.get(key) ?? []));
      case 'array': {
        // Non-empty, so every element a condition reads ($[0]) is there.
        const items = (schema.items ?? {}) as FactSchema;
        if (Array.isArray(items.enum)) return fc.shuffledSubarray(items.enum as unknown[], { minLength: 1 });
        return fc.array(valueOf(items, `${key}[0]`), { minLength: 1, maxLength: 3 });
      }
      case 'object': {
        const properties = Object.entries((schema.properties ?? {}) as Record<string, FactSchema>);
        const at = key.includes('$') ? key : `${key}$`;
        return fc.record(Object.fromEntries(properties.map(([name, property]) => [name, valueOf(property, `${at}.${name}`)])));
      }
      default:
        return fc.constantFrom(...new Set([...(compared.get(key) ?? []).filter((v) => typeof v === 'string'), FRESH]));
    }
  };
  return fc.record(Object.fromEntries(Object.entries(policy.spec.facts).map(([name, schema]) => [name, valueOf(schema, name)])));
}

/** The shared complete facts, kept to what the policy declares, and the boundary facts. */
const inputsFor = (policy: Policy): fc.Arbitrary<Record<string, unknown>> =>
  fc.oneof(completeFacts.map((facts) => factsFor(policy, facts)), boundaryFacts(policy));

// ---- Inputs built from the analysis ---------------------------------------------------------

/**
 * The region where rule `index` can change the outcome, from the analysis:
 * it matches and no rule before it does (first-match); or it matches, nothing
 * stricter does, and either no earlier rule on its route does (it decides) or
 * the action is irreversible and no other unexempt rule on its route matches
 * (its missing exemption keeps the gate shut). Undefined when too large.
 */
function witnessRegion(policy: Policy, analysis: PolicyAnalysis, index: number): Region | undefined {
  const rules = policy.spec.rules;
  const rule = rules[index]!;
  const region = analysis.ruleRegion(index);
  const unionOf = (keep: (other: (typeof rules)[number], i: number) => boolean) => analysis.union(rules.flatMap((other, i) => (keep(other, i) ? [analysis.ruleRegion(i)] : [])));
  if (region === undefined) return undefined;
  if (policy.spec.strategy === 'first-match') {
    const earlier = unionOf((_, i) => i < index);
    return earlier && analysis.subtract(region, earlier);
  }
  const r = rank(rule.route);
  const blocking = unionOf((other, i) => rank(other.route) > r || (rank(other.route) === r && i < index));
  const decides = blocking && analysis.subtract(region, blocking);
  const gate = irreversibleRegions(policy, analysis);
  if (gate === undefined || !isGatedRoute(rule.route) || isExempt(rule)) return decides;
  const stopping = unionOf((other, i) => rank(other.route) > r || (i !== index && other.route === rule.route && !isExempt(other)));
  const irreversible = gate.irreversible && analysis.intersect(region, gate.irreversible);
  const vetoes = irreversible && stopping && analysis.subtract(irreversible, stopping);
  return decides && vetoes && analysis.union([decides, vetoes]);
}

function baselineNumber(schema: FactSchema): number {
  const candidates = [0, ...[schema.minimum, schema.maximum, schema.exclusiveMinimum, schema.exclusiveMaximum].filter((v): v is number => typeof v === 'number').flatMap((v) => [v, v + 1, v - 1])];
  return candidates.find((x) => fitsNumber(schema, x)) ?? 0;
}

/** Some valid value of a schema; arrays are built later, from what the box asks of them. */
function baseline(schema: FactSchema): unknown {
  if (Array.isArray(schema.enum)) return (schema.enum as unknown[]).find((v) => v !== null);
  switch (mainType(schema)) {
    case 'boolean':
      return false;
    case 'number':
    case 'integer':
      return baselineNumber(schema);
    case 'array':
      return [];
    case 'object':
      return Object.fromEntries(Object.entries((schema.properties ?? {}) as Record<string, FactSchema>).map(([name, property]) => [name, baseline(property)]));
    default:
      return FRESH;
  }
}

/** A number in the constraint and the declared bounds, tried on and around their finite ends. */
function pickNumber(constraint: NumericConstraint, dimension: Dimension | undefined): number | undefined {
  const inside = (c: NumericConstraint | undefined, x: number) =>
    c === undefined || ((c.loOpen ? x > c.lo : x >= c.lo) && (c.hiOpen ? x < c.hi : x <= c.hi) && !c.excluded.includes(x));
  const ends = [constraint.lo, constraint.hi, dimension?.bounds?.lo ?? 0, dimension?.bounds?.hi ?? 0, 0].filter(Number.isFinite);
  const steps = [0, 0.5, -0.5, 0.25, -0.25, ...Array.from({ length: 2 * (constraint.excluded.length + 2) }, (_, k) => (k % 2 === 0 ? 1 : -1) * (Math.floor(k / 2) + 1))];
  const middles = ends.flatMap((a) => ends.map((b) => (a + b) / 2));
  const candidates = [...middles, ...ends.flatMap((end) => steps.map((step) => end + step))];
  return candidates.find((x) => inside(constraint, x) && inside(dimension?.bounds, x) && (dimension?.integer !== true || Number.isInteger(x)));
}

function pickScalar(constraint: SetConstraint, dimension: Dimension | undefined, avoid: readonly Scalar[]): Scalar | undefined {
  const pool = constraint.allowed ?? dimension?.values ?? [FRESH];
  return pool.find((v) => !constraint.excluded.includes(v) && !avoid.includes(v) && (dimension?.values === undefined || dimension.values.includes(v)));
}

/** Reads `$.a.b[0]` into segments. */
const segmentsOf = (path: string): (string | number)[] => [...path.matchAll(/\.([A-Za-z_][A-Za-z0-9_]*)|\[([0-9]+)\]/g)].map(([, field, index]) => field ?? Number(index));

type Built = { facts: Record<string, unknown> } | { unmodelled: string };

/**
 * Complete facts inside one box of a region. Numbers and sets are picked per
 * dimension; `contains` propositions become the array's members. Returns why
 * not when the box asks what no input gives (an element and the array's
 * membership disagree), which the analysis cannot see.
 */
function buildFacts(policy: Policy, analysis: PolicyAnalysis, box: Box): Built {
  const facts = Object.fromEntries(Object.entries(policy.spec.facts).map(([name, schema]) => [name, baseline(schema)])) as Record<string, unknown>;
  const members = new Map<string, { must: Set<Scalar>; mustNot: Set<Scalar>; at: Map<number, Scalar> }>();
  const arrayOf = (fact: string) => members.get(fact) ?? members.set(fact, { must: new Set(), mustNot: new Set(), at: new Map() }).get(fact)!;
  const sets: [string, string, string, SetConstraint][] = [];

  for (const [key, constraint] of box) {
    const match = /^(num|set|atom):([A-Za-z][A-Za-z0-9_]*)(\$\S*)?(?: (\w+) (.*))?$/.exec(key);
    if (match === null) return { unmodelled: `a dimension this test cannot read: ${key}` };
    const [, kind, fact, path = '', operator, value] = match as unknown as [string, string, string, string | undefined, string | undefined, string | undefined];
    if (constraint.kind === 'atom') {
      if (operator !== 'contains') return { unmodelled: `an opaque comparison: ${key}` };
      const member = JSON.parse(value!) as Scalar;
      if (path !== '') return { unmodelled: `contains inside an array fact's element: ${key}` };
      (constraint.holds ? arrayOf(fact).must : arrayOf(fact).mustNot).add(member);
    } else if (constraint.kind === 'numeric') {
      const x = pickNumber(constraint, analysis.lookup(key));
      if (x === undefined) throw new Error(`the analysis keeps a numeric constraint with no number in it: ${key} ${JSON.stringify(constraint)}`);
      assign(facts, fact, path, x, arrayOf);
    } else if (kind === 'set') {
      sets.push([key, fact, path, constraint]);
    }
  }
  // Sets last: an element of an array avoids the values the array must not contain.
  for (const [key, fact, path, constraint] of sets) {
    const avoid = path.startsWith('$[') ? [...(members.get(fact)?.mustNot ?? [])] : [];
    const value = pickScalar(constraint, analysis.lookup(key), avoid);
    if (value === undefined) {
      if (avoid.length > 0) return { unmodelled: 'an element of an array and contains on it disagree' };
      throw new Error(`the analysis keeps a set constraint with no value in it: ${key} ${JSON.stringify(constraint)}`);
    }
    assign(facts, fact, path, value, arrayOf);
  }
  return buildArrays(policy, facts, members);
}

function assign(facts: Record<string, unknown>, fact: string, path: string, value: unknown, arrayOf: (fact: string) => { at: Map<number, Scalar> }): void {
  const segments = segmentsOf(path);
  if (segments.length === 1 && typeof segments[0] === 'number') {
    arrayOf(fact).at.set(segments[0], value as Scalar);
    return;
  }
  if (segments.length === 0) {
    facts[fact] = value;
    return;
  }
  let target = facts[fact] as Record<string | number, unknown>;
  for (const segment of segments.slice(0, -1)) target = target[segment] as Record<string | number, unknown>;
  target[segments.at(-1)!] = value;
}

/** Each array fact: its indexed elements, then its required members; long enough for every index a condition reads. */
function buildArrays(policy: Policy, facts: Record<string, unknown>, members: Map<string, { must: Set<Scalar>; mustNot: Set<Scalar>; at: Map<number, Scalar> }>): Built {
  const read = new Map<string, number>();
  for (const rule of policy.spec.rules) {
    forEachLeaf(rule.when, [], (leaf) => {
      const first = leaf.path === undefined ? undefined : segmentsOf(leaf.path)[0];
      if (typeof first === 'number') read.set(leaf.fact, Math.max(read.get(leaf.fact) ?? -1, first));
    });
  }
  for (const [name, schema] of Object.entries(policy.spec.facts)) {
    if (mainType(schema) !== 'array') continue;
    const wanted = members.get(name) ?? { must: new Set<Scalar>(), mustNot: new Set<Scalar>(), at: new Map<number, Scalar>() };
    const items = (schema.items ?? {}) as FactSchema;
    const pool = [...wanted.must, ...((Array.isArray(items.enum) ? items.enum : [FRESH]) as Scalar[])];
    const filler = pool.find((v) => !wanted.mustNot.has(v));
    const length = Math.max(read.get(name) ?? -1, ...wanted.at.keys()) + 1;
    const elements: Scalar[] = [];
    for (let i = 0; i < length; i++) {
      const value = wanted.at.get(i) ?? filler;
      if (value === undefined) return { unmodelled: 'an element of an array and contains on it disagree' };
      elements.push(value);
    }
    for (const member of wanted.must) if (!elements.includes(member)) elements.push(member);
    if (elements.some((v) => wanted.mustNot.has(v))) return { unmodelled: 'an element of an array and contains on it disagree' };
    facts[name] = elements;
  }
  return { facts };
}

// ---- The properties -------------------------------------------------------------------------

describe('the logic rules agree with the evaluator', () => {
  it(`a rule reported unreachable-rule or shadowed-rule decides no input, and removing it changes no route (${RUNS} random policies, ${INPUTS_PER_POLICY} inputs each)`, () => {
    let reported = 0;
    fc.assert(
      fc.property(
        arbitraryPolicy.chain((policy) => fc.tuple(fc.constant(policy), fc.array(inputsFor(policy), { minLength: INPUTS_PER_POLICY, maxLength: INPUTS_PER_POLICY }))),
        ([policy, inputs]) => {
          const never = reportedRules(policy);
          if (never.size === 0) return;
          reported += never.size;
          const oracle = new Oracle(policy);
          policy.spec.rules.forEach((rule, index) => {
            if (!never.has(rule.id)) return;
            for (const facts of inputs) {
              const { decides, routeChanges } = oracle.changesOutcome(index, facts);
              expect({ rule: rule.id, facts, decides, routeChanges }).toEqual({ rule: rule.id, facts, decides: false, routeChanges: false });
            }
          });
        },
      ),
      { numRuns: RUNS },
    );
    // The property is not vacuous: random policies give the linter plenty to report.
    expect(reported).toBeGreaterThan(RUNS / 10);
  }, TIMEOUT);

  it(`every rule not reported changes the outcome of an input built where the analysis says it can (${RUNS} random policies)`, () => {
    const counts = { rules: 0, reported: 0, witnessed: 0, empty: 0, tooLarge: 0, unmodelled: 0 };
    const reasons = new Set<string>();
    fc.assert(
      fc.property(arbitraryPolicy, (policy) => {
        const never = reportedRules(policy);
        const analysis = analysePolicy(policy);
        const oracle = new Oracle(policy);
        policy.spec.rules.forEach((rule, index) => {
          counts.rules += 1;
          const region = analysis.ruleRegion(index);
          if (region !== undefined && analysis.isEmpty(region)) {
            // Never true: contradictory-condition's finding, not these rules'.
            counts.empty += 1;
            expect(never.has(rule.id)).toBe(false);
            return;
          }
          const witness = witnessRegion(policy, analysis, index);
          if (witness === undefined) {
            // Too large to analyse: nothing is claimed either way.
            counts.tooLarge += 1;
            return;
          }
          // Empty exactly when reported: the linter finds what the analysis proves, and only that.
          expect({ rule: rule.id, reported: never.has(rule.id) }).toEqual({ rule: rule.id, reported: witness.length === 0 });
          if (witness.length === 0) {
            counts.reported += 1;
            return;
          }
          let built = 0;
          for (const box of witness.slice(0, BOXES_PER_RULE)) {
            const result = buildFacts(policy, analysis, box);
            if ('unmodelled' in result) {
              reasons.add(result.unmodelled);
              continue;
            }
            built += 1;
            const { decides, routeChanges } = oracle.changesOutcome(index, result.facts);
            expect({ rule: rule.id, facts: result.facts, changesOutcome: decides || routeChanges }).toEqual({ rule: rule.id, facts: result.facts, changesOutcome: true });
          }
          if (built > 0) counts.witnessed += 1;
          else counts.unmodelled += 1;
        });
      }),
      { numRuns: RUNS },
    );
    // What the analysis cannot see is only the documented gap, and rare; the rest is witnessed.
    expect([...reasons]).toEqual(reasons.size === 0 ? [] : ['an element of an array and contains on it disagree']);
    expect(counts.unmodelled).toBeLessThan(counts.rules / 50);
    expect(counts.witnessed).toBeGreaterThan(counts.rules / 2);
    expect(counts.reported).toBeGreaterThan(0);
  }, TIMEOUT);
});

// Random policies and facts for the property tests: every operator, paths,
// thresholds that facts meet exactly, both strategies, every route as a rule's
// and as the default, exemptions on both routes the irreversible gate guards,
// reviewers or none, and facts that are present, null, absent or invalid.
// Every comparison fits its fact's declared type, as the loader requires.
import fc from 'fast-check';
import type { Condition, FactCondition, FailClosedRoute, FactSchema, Policy, Route, Rule, Strategy } from '../src/index.js';

const ROUTE = fc.constantFrom<Route>('auto', 'review_after', 'approve_before', 'escalate', 'deny');
// Rules lean towards the two routes the irreversible gate guards, so it is exercised often.
const RULE_ROUTE = fc.oneof(
  { weight: 2, arbitrary: fc.constant<Route>('auto') },
  { weight: 3, arbitrary: fc.constant<Route>('review_after') },
  { weight: 2, arbitrary: fc.constant<Route>('approve_before') },
  { weight: 1, arbitrary: fc.constantFrom<Route>('escalate', 'deny') },
);
const FAIL_CLOSED = fc.constantFrom<FailClosedRoute>('approve_before', 'escalate', 'deny');
const STRATEGY = fc.constantFrom<Strategy>('most-restrictive', 'first-match');
const ENUM = ['refund', 'credit', 'exchange'] as const;
const TAGS = ['vip', 'fraud', 'new'] as const;
const COUNTRIES = ['US', 'CA', 'DE'] as const;
const ROLES = ['support-agent', 'support-lead', 'fraud-analyst'] as const;
const ROLE = fc.constantFrom(...ROLES);

/** Numbers shared by facts, literals and thresholds, so comparisons land on their edges often. */
const EDGE = fc.constantFrom(0, 1, 2.5, 5, 9, 10);
const WHOLE_EDGE = fc.constantFrom(0, 1, 5, 9, 10);

/** The undeclared key invalid facts may carry. */
export const UNDECLARED_FACT = 'extra';

const FACTS: Record<string, FactSchema> = {
  amount: { type: 'number', minimum: 0 },
  score: { type: 'integer', minimum: 0, maximum: 10 },
  kind: { type: 'string', enum: [...ENUM] },
  flagged: { type: 'boolean' },
  tags: { type: 'array', items: { type: 'string', enum: [...TAGS] } },
  // risk is declared a number so numeric operators may read it; country may be null, read as unknown.
  account: { type: 'object', properties: { risk: { type: 'number' }, country: { type: ['string', 'null'] } } },
};

const numberLeaf = (fact: 'amount' | 'score' | 'account', path?: string): fc.Arbitrary<FactCondition> =>
  fc.record({
    fact: fc.constant(fact),
    ...(path === undefined ? {} : { path: fc.constant(path) }),
    operator: fc.constantFrom('lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive', 'equal', 'notEqual' as const),
    value: fc.oneof(EDGE, fc.constantFrom({ threshold: 'cap' }, { threshold: 'floor' })),
  });

const leaf: fc.Arbitrary<FactCondition> = fc.oneof(
  numberLeaf('amount'),
  numberLeaf('score'),
  numberLeaf('account', '$.risk'),
  fc.record({ fact: fc.constant('kind'), operator: fc.constantFrom('equal', 'notEqual' as const), value: fc.constantFrom(...ENUM) }),
  fc.record({ fact: fc.constant('kind'), operator: fc.constantFrom('in', 'notIn' as const), value: fc.subarray([...ENUM]) }),
  fc.record({ fact: fc.constant('flagged'), operator: fc.constantFrom('equal', 'notEqual' as const), value: fc.boolean() }),
  fc.record({ fact: fc.constant('tags'), operator: fc.constantFrom('contains', 'doesNotContain' as const), value: fc.constantFrom(...TAGS) }),
  fc.record({ fact: fc.constant('tags'), path: fc.constant('$[0]'), operator: fc.constantFrom('equal', 'notEqual' as const), value: fc.constantFrom(...TAGS) }),
  fc.record({ fact: fc.constant('account'), path: fc.constant('$.country'), operator: fc.constantFrom('in', 'notIn' as const), value: fc.constant(['US', 'CA']) }),
  fc.record({ fact: fc.constant('account'), path: fc.constant('$.country'), operator: fc.constantFrom('equal', 'notEqual' as const), value: fc.constantFrom(...COUNTRIES) }),
) as fc.Arbitrary<FactCondition>;

export const condition: fc.Arbitrary<Condition> = fc.letrec<{ node: Condition }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.record({ all: fc.array(tie('node'), { minLength: 1, maxLength: 3 }) }),
    fc.record({ any: fc.array(tie('node'), { minLength: 1, maxLength: 3 }) }),
    fc.record({ not: tie('node') }),
  ),
})).node;

// Optional policy fields are left out rather than set to undefined, as YAML would.
const optional = <T>(arbitrary: fc.Arbitrary<T>, freq = 5) => fc.option(arbitrary, { nil: undefined, freq });
const defined = <T extends object>(fields: T): T =>
  Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as T;

export const policy: fc.Arbitrary<Policy> = fc
  .record({
    rules: fc.array(fc.record({ when: condition, route: RULE_ROUTE, exempt: fc.boolean(), reviewer: optional(ROLE, 2) }), { minLength: 1, maxLength: 6 }),
    strategy: optional(STRATEGY, 8),
    // Always set: differential.test.ts reads it to route json-rules-engine's events.
    default: ROUTE,
    onError: optional(FAIL_CLOSED, 8),
    reviewer: optional(ROLE, 2),
    // Most policies declare the irreversible fact, so the gate is exercised often.
    declaresIrreversible: fc.constantFrom(true, true, true, false),
    cap: EDGE,
    floor: EDGE,
  })
  .map(({ rules, strategy, declaresIrreversible, cap, floor, reviewer, ...routes }): Policy => ({
    apiVersion: 'oversight/v1',
    kind: 'RoutingPolicy',
    metadata: { name: 'generated', version: 1, owner: 'property-tests' },
    spec: defined({
      strategy,
      default: routes.default,
      onError: routes.onError,
      reviewer,
      facts: { ...FACTS, ...(declaresIrreversible ? { irreversible: { type: 'boolean' } } : {}) },
      thresholds: { cap: { value: cap, min: 0, max: 10 }, floor: { value: floor, min: 0, max: 10 } },
      reviewers: {
        'support-agent': { sla: '4h', escalateTo: 'support-lead' },
        'support-lead': { sla: '1d' },
        'fraud-analyst': { sla: '30m', escalateTo: 'support-lead' },
      },
      rules: rules.map(
        (rule, i): Rule =>
          defined({
            id: `rule-${i}`,
            when: rule.when,
            route: rule.route,
            reviewer: rule.reviewer,
            ...(rule.exempt && (rule.route === 'auto' || rule.route === 'review_after')
              ? { exempt: ['irreversible' as const], justification: 'reversible in practice' }
              : {}),
          }),
      ),
    }),
  }));

// A small deterministic generator, so a shrunk counterexample replays the same shuffle.
function randomFrom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}
function shuffleCondition(condition: Condition, random: () => number): Condition {
  if ('all' in condition) return { all: shuffled(condition.all.map((child) => shuffleCondition(child, random)), random) };
  if ('any' in condition) return { any: shuffled(condition.any.map((child) => shuffleCondition(child, random)), random) };
  if ('not' in condition) return { not: shuffleCondition(condition.not, random) };
  return condition;
}
function reorder(policy: Policy, seed: number): Policy {
  const random = randomFrom(seed);
  const rules = policy.spec.rules.map((rule) => ({ ...rule, when: shuffleCondition(rule.when, random) }));
  return { ...policy, spec: { ...policy.spec, rules: policy.spec.strategy === 'first-match' ? rules : shuffled(rules, random) } };
}

/**
 * A policy, and the same policy with the children of every all/any shuffled and,
 * where file order means nothing (most-restrictive), its rules too; ids stay with their rules.
 */
export const policyAndReordered: fc.Arbitrary<[Policy, Policy]> = fc.tuple(policy, fc.integer()).map(([p, seed]) => [p, reorder(p, seed)]);

/** Threshold values to use instead of the policy's, on the same edges. */
export const thresholdOverrides = fc.record({ cap: EDGE, floor: EDGE }, { requiredKeys: [] });

const present = {
  amount: EDGE,
  score: WHOLE_EDGE,
  kind: fc.constantFrom(...ENUM),
  flagged: fc.boolean(),
  tags: fc.shuffledSubarray([...TAGS], { minLength: 1 }),
  account: fc.record({ risk: EDGE, country: fc.constantFrom(...COUNTRIES) }),
  irreversible: fc.constantFrom(true, true, false),
};

/** Facts with every declared fact present and every path filled: the cases json-rules-engine decides the same way. */
export const completeFacts = fc.record(present);

/** Facts where any fact, or a field under a path, may be absent or null. */
export const partialFacts: fc.Arbitrary<Record<string, unknown>> = fc.record(
  {
    ...Object.fromEntries(Object.entries(present).map(([name, value]) => [name, fc.option(value as fc.Arbitrary<unknown>, { nil: null, freq: 4 })])),
    tags: fc.option(fc.shuffledSubarray([...TAGS]), { nil: null, freq: 4 }),
    account: fc.option(fc.record({ risk: EDGE, country: fc.option(fc.constantFrom(...COUNTRIES), { nil: null }) }, { requiredKeys: [] }), {
      nil: null,
      freq: 4,
    }),
  },
  { requiredKeys: [] },
);

// Values each fact's schema refuses: wrong type, out of range, not in the enum.
const INVALID: Record<string, unknown[]> = {
  amount: [-1, 'ten', true],
  score: [2.5, 11, '3'],
  kind: ['gift', 3],
  flagged: ['yes', 0],
  tags: ['vip', [1], ['vip', 'gift']],
  account: ['acct', [], { risk: 'high' }, { risk: null }, { country: 7 }],
  irreversible: ['yes', 1],
};

/** Partial facts with one defect: a value its schema refuses, or an undeclared key. */
export const invalidFacts: fc.Arbitrary<Record<string, unknown>> = fc
  .tuple(
    partialFacts,
    fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom(...Object.entries(INVALID)).chain(([name, values]) => fc.constantFrom(...values).map((value) => ({ [name]: value }))) },
      { weight: 1, arbitrary: fc.constant({ [UNDECLARED_FACT]: 1 }) },
    ),
  )
  .map(([facts, defect]) => ({ ...facts, ...defect }));

/** Facts of every kind: complete, with gaps and nulls, and invalid. */
export const anyFacts: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  { weight: 2, arbitrary: completeFacts },
  { weight: 5, arbitrary: partialFacts },
  { weight: 2, arbitrary: invalidFacts },
);

/**
 * The facts a caller of this policy would send: those it declares, plus the
 * deliberate undeclared key. Facts generated for every policy carry
 * `irreversible`, which a policy that does not declare it would refuse.
 */
export function factsFor(policy: Policy, facts: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(facts).filter(([name]) => Object.hasOwn(policy.spec.facts, name) || name === UNDECLARED_FACT));
}

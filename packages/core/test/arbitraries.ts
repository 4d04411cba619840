// Random policies and facts for the property tests: every operator, paths,
// thresholds, both strategies, and facts that are present, null or absent.
import fc from 'fast-check';
import type { Condition, FactCondition, Policy, Route, Rule } from '../src/index.js';

const ROUTE = fc.constantFrom<Route>('auto', 'review_after', 'approve_before', 'escalate', 'deny');
const ENUM = ['refund', 'credit', 'exchange'] as const;

const numberLeaf = (fact: 'amount' | 'score'): fc.Arbitrary<FactCondition> =>
  fc.record({
    fact: fc.constant(fact),
    operator: fc.constantFrom('lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive', 'equal', 'notEqual' as const),
    value: fc.oneof(fc.integer({ min: 0, max: 10 }), fc.constantFrom({ threshold: 'cap' }, { threshold: 'floor' })),
  }) as fc.Arbitrary<FactCondition>;

const leaf: fc.Arbitrary<FactCondition> = fc.oneof(
  numberLeaf('amount'),
  numberLeaf('score'),
  fc.record({ fact: fc.constant('kind'), operator: fc.constantFrom('equal', 'notEqual' as const), value: fc.constantFrom(...ENUM) }),
  fc.record({ fact: fc.constant('kind'), operator: fc.constantFrom('in', 'notIn' as const), value: fc.subarray([...ENUM]) }),
  fc.record({ fact: fc.constant('flagged'), operator: fc.constantFrom('equal', 'notEqual' as const), value: fc.boolean() }),
  fc.record({ fact: fc.constant('tags'), operator: fc.constantFrom('contains', 'doesNotContain' as const), value: fc.constantFrom('vip', 'fraud', 'new') }),
  fc.record({
    fact: fc.constant('account'),
    path: fc.constant('$.risk'),
    operator: fc.constantFrom('lessThan', 'greaterThanInclusive' as const),
    value: fc.integer({ min: 0, max: 10 }),
  }),
  fc.record({ fact: fc.constant('account'), path: fc.constant('$.country'), operator: fc.constantFrom('in', 'notIn' as const), value: fc.constant(['US', 'CA']) }),
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

export const policy: fc.Arbitrary<Policy> = fc
  .record({
    rules: fc.array(fc.record({ when: condition, route: ROUTE, exempt: fc.boolean() }), { minLength: 1, maxLength: 6 }),
    strategy: fc.constantFrom('most-restrictive', 'first-match' as const),
    default: ROUTE,
    onError: fc.constantFrom('review_after', 'approve_before', 'escalate', 'deny' as const),
    irreversible: fc.boolean(),
    cap: fc.integer({ min: 0, max: 10 }),
    floor: fc.integer({ min: 0, max: 10 }),
  })
  .map(({ rules, strategy, irreversible, cap, floor, ...routes }) => ({
    apiVersion: 'oversight/v1',
    kind: 'RoutingPolicy',
    metadata: { name: 'generated', version: 1, owner: 'property-tests' },
    spec: {
      strategy,
      ...routes,
      facts: {
        amount: { type: 'number', minimum: 0 },
        score: { type: 'integer' },
        kind: { type: 'string', enum: [...ENUM] },
        flagged: { type: 'boolean' },
        tags: { type: 'array', items: { type: 'string' } },
        account: { type: 'object', properties: { risk: { type: 'number' }, country: { type: 'string' } } },
        ...(irreversible ? { irreversible: { type: 'boolean' } } : {}),
      },
      thresholds: { cap: { value: cap }, floor: { value: floor } },
      rules: rules.map(
        (rule, i): Rule => ({
          id: `rule-${i}`,
          when: rule.when,
          route: rule.route,
          ...(rule.exempt && rule.route === 'auto' ? { exempt: ['irreversible'], justification: 'reversible in practice' } : {}),
        }),
      ),
    },
  }));

const present = {
  amount: fc.integer({ min: 0, max: 10 }),
  score: fc.integer({ min: 0, max: 10 }),
  kind: fc.constantFrom(...ENUM),
  flagged: fc.boolean(),
  tags: fc.subarray(['vip', 'fraud', 'new']),
  account: fc.record({ risk: fc.integer({ min: 0, max: 10 }), country: fc.constantFrom('US', 'CA', 'DE') }),
  irreversible: fc.boolean(),
};

/** Facts with every declared fact present: the cases json-rules-engine decides the same way. */
export const completeFacts = fc.record(present);

/** Facts where any fact, or a field under a path, may be absent or null. */
export const partialFacts = fc.record(
  {
    ...Object.fromEntries(Object.entries(present).map(([name, value]) => [name, fc.option(value as fc.Arbitrary<unknown>, { nil: null, freq: 4 })])),
    account: fc.record(
      { risk: fc.integer({ min: 0, max: 10 }), country: fc.constantFrom('US', 'CA', 'DE') },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: [] },
);

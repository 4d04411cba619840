// Random policies for the analysis: core's generator (every operator, paths
// into objects and lists, thresholds, both strategies, the gate), with facts
// whose schemas the analysis samples rather than cuts exactly: a pattern, a
// format, a multipleOf on an integer, and a list with a length bound and
// unique items, read by rules of their own.
import fc from 'fast-check';
import type { Condition, FactSchema, Policy, Route } from '@oversight/core';
import { anyFacts, policy as corePolicy } from '../../core/test/arbitraries.js';

const SAMPLED_FACTS: Record<string, FactSchema> = {
  code: { type: 'string', pattern: '^[A-Z]{2}-[0-9]{3}$' },
  quantity: { type: 'integer', minimum: 0, multipleOf: 5 },
  contact: { type: 'string', format: 'email' },
  labels: { type: 'array', items: { type: 'string', enum: ['a', 'b', 'c', 'd'] }, uniqueItems: true, maxItems: 2 },
};

const sampledLeaf: fc.Arbitrary<Condition> = fc.oneof(
  fc.record({ fact: fc.constant('code'), operator: fc.constantFrom('equal', 'notEqual' as const), value: fc.constantFrom('AB-123', 'ZZ-999', 'bad') }),
  fc.record({ fact: fc.constant('code'), operator: fc.constantFrom('in', 'notIn' as const), value: fc.constant(['AB-123', 'QQ-555']) }),
  fc.record({
    fact: fc.constant('quantity'),
    operator: fc.constantFrom('lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive', 'equal', 'notEqual' as const),
    value: fc.constantFrom(0, 5, 7, 10, 12.5),
  }),
  fc.record({ fact: fc.constant('contact'), operator: fc.constantFrom('equal', 'notEqual' as const), value: fc.constant('ops@example.com') }),
  fc.record({ fact: fc.constant('labels'), operator: fc.constantFrom('contains', 'doesNotContain' as const), value: fc.constantFrom('a', 'b') }),
) as fc.Arbitrary<Condition>;

const sampledRule = fc.record({
  when: fc.oneof(sampledLeaf, fc.tuple(sampledLeaf, sampledLeaf).map(([a, b]): Condition => ({ all: [a, b] })), sampledLeaf.map((a): Condition => ({ not: a }))),
  route: fc.constantFrom<Route>('auto', 'review_after', 'approve_before', 'escalate', 'deny'),
});

/** A core policy, half the time with the sampled facts declared and one or two rules reading them. */
export const policy: fc.Arbitrary<Policy> = fc
  .tuple(corePolicy, fc.boolean(), fc.array(sampledRule, { minLength: 1, maxLength: 2 }))
  .map(([base, sampled, rules]) =>
    !sampled
      ? base
      : {
          ...base,
          spec: {
            ...base.spec,
            facts: { ...base.spec.facts, ...SAMPLED_FACTS },
            rules: [...base.spec.rules, ...rules.map((rule, i) => ({ id: `sampled-${i}`, ...rule }))],
          },
        },
  );

/** Values of the sampled facts, valid and not. */
const sampledFacts = fc.record(
  {
    code: fc.constantFrom('AB-123', 'ZZ-999', 'QQ-555', 'MN-404', 'bad', 'ab-123', '', null),
    quantity: fc.constantFrom(0, 5, 7, 10, 15, 12.5, -5, 100, null),
    contact: fc.constantFrom('ops@example.com', 'x@y.org', 'not-an-email', 3, null),
    labels: fc.constantFrom([], ['a'], ['b', 'a'], ['c', 'd'], ['a', 'a'], ['a', 'b', 'c'], ['e'], 'a', null),
  },
  { requiredKeys: [] },
);

/** Facts of every kind for core's facts and the sampled ones. */
export const facts: fc.Arbitrary<Record<string, unknown>> = fc.tuple(anyFacts, sampledFacts).map(([core, sampled]) => ({ ...core, ...sampled }));

import type { Condition, Policy } from '@oversight/core';
import { describe, expect, it } from 'vitest';
import { analysePolicy } from './policy-analysis.js';

const policy = {
  apiVersion: 'oversight/v1',
  kind: 'RoutingPolicy',
  metadata: { name: 'p', version: 1, owner: 'o' },
  spec: {
    facts: {
      amount: { type: 'number', exclusiveMinimum: 0, maximum: 100 },
      claims: { type: 'integer', minimum: 0, maximum: 3 },
      kind: { type: 'string', enum: ['refund', 'credit'] },
      country: { type: 'string' },
    },
    thresholds: { limit: { value: 50 } },
    rules: [],
  },
} as unknown as Policy;

const analysis = analysePolicy(policy);
const region = (condition: Condition) => analysis.conditionRegion(condition)!;
const never = (condition: Condition) => analysis.isEmpty(region(condition));
const covers = (cover: Condition, covered: Condition) => analysis.covers(region(cover), region(covered));

describe('the interval and set domain', () => {
  it('knows an all of disjoint intervals is empty, and one touching at a closed end is not', () => {
    expect(never({ all: [{ fact: 'amount', operator: 'greaterThan', value: 50 }, { fact: 'amount', operator: 'lessThan', value: 50 }] })).toBe(true);
    expect(never({ all: [{ fact: 'amount', operator: 'greaterThanInclusive', value: 50 }, { fact: 'amount', operator: 'lessThanInclusive', value: 50 }] })).toBe(false);
  });

  it('resolves thresholds to their values', () => {
    expect(never({ all: [{ fact: 'amount', operator: 'greaterThan', value: { threshold: 'limit' } }, { fact: 'amount', operator: 'lessThan', value: 40 }] })).toBe(true);
  });

  it('intersects with the declared schema: bounds, exclusive ends, integers and enums', () => {
    expect(never({ fact: 'amount', operator: 'lessThanInclusive', value: 0 })).toBe(true);
    expect(never({ fact: 'amount', operator: 'greaterThan', value: 100 })).toBe(true);
    expect(never({ all: [{ fact: 'claims', operator: 'greaterThan', value: 1 }, { fact: 'claims', operator: 'lessThan', value: 2 }] })).toBe(true);
    expect(never({ all: [{ fact: 'claims', operator: 'greaterThan', value: 1 }, { fact: 'claims', operator: 'notIn', value: [2, 3] }] })).toBe(true);
    // Regression: a single fractional point was taken as reachable on an integer fact.
    expect(never({ fact: 'claims', operator: 'equal', value: 2.5 })).toBe(true);
    expect(never({ fact: 'claims', operator: 'in', value: [0.5, 1.5] })).toBe(true);
    expect(never({ fact: 'claims', operator: 'in', value: [0.5, 2] })).toBe(false);
    expect(never({ fact: 'kind', operator: 'equal', value: 'refnd' })).toBe(true);
    expect(never({ all: [{ fact: 'kind', operator: 'notEqual', value: 'refund' }, { fact: 'kind', operator: 'notEqual', value: 'credit' }] })).toBe(true);
    expect(never({ fact: 'country', operator: 'notIn', value: ['US', 'CA'] })).toBe(false);
  });

  it('pushes not through all and any (De Morgan) and flips comparisons', () => {
    expect(covers({ not: { fact: 'amount', operator: 'lessThanInclusive', value: 10 } }, { fact: 'amount', operator: 'greaterThan', value: 10 })).toBe(true);
    expect(never({ all: [{ fact: 'kind', operator: 'equal', value: 'refund' }, { not: { any: [{ fact: 'kind', operator: 'in', value: ['refund'] }] } }] })).toBe(true);
  });

  it('decides coverage by a union, not by any one part', () => {
    const union: Condition = { any: [{ fact: 'amount', operator: 'lessThan', value: 30 }, { fact: 'amount', operator: 'greaterThanInclusive', value: 30 }] };
    expect(covers(union, { fact: 'amount', operator: 'greaterThan', value: 5 })).toBe(true);
    const gap: Condition = { any: [{ fact: 'amount', operator: 'lessThan', value: 30 }, { fact: 'amount', operator: 'greaterThan', value: 30 }] };
    expect(covers(gap, { fact: 'amount', operator: 'greaterThan', value: 5 })).toBe(false);
  });

  it('treats what it does not model (contains) as an opaque proposition, consistent with its negation', () => {
    const has: Condition = { fact: 'country', operator: 'contains', value: 'x' };
    expect(never({ all: [has, { fact: 'country', operator: 'doesNotContain', value: 'x' }] })).toBe(true);
    expect(covers(has, { fact: 'country', operator: 'equal', value: 'x' })).toBe(false);
  });

  it('calls "nearly everything" only what misses single values of a continuous fact', () => {
    expect(analysis.coversNearlyEverything(region({ fact: 'amount', operator: 'notEqual', value: 10 }))).toBe(true);
    expect(analysis.coversNearlyEverything(region({ fact: 'amount', operator: 'greaterThan', value: 1 }))).toBe(false);
    expect(analysis.coversNearlyEverything(region({ fact: 'claims', operator: 'notEqual', value: 1 }))).toBe(false);
  });
});

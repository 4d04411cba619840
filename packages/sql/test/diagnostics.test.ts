import type { FactSchema, Policy } from '@oversight/core';
import { describe, expect, it } from 'vitest';
import { compilePolicyToSql } from '../src/index.js';
import { policyWith } from './policy-fixture.js';

const refusals = (policy: Policy, thresholds?: Record<string, number>) => {
  const result = compilePolicyToSql(policy, { dialect: 'duckdb', ...(thresholds === undefined ? {} : { thresholds }) });
  return result.ok ? [] : result.diagnostics;
};
const withFact = (schema: FactSchema) => policyWith({ code: schema }, [{ id: 'r', when: { fact: 'code', operator: 'equal', value: 'x' }, route: 'deny' }]);

describe('what the compiler refuses, by name', () => {
  it.each([
    ['a pattern RE2 may read differently', { type: 'string', pattern: '^(a|b).$' }, 'spec.facts.code.pattern', /^unsupported pattern: /],
    ['multipleOf', { type: 'number', multipleOf: 0.1 }, 'spec.facts.code.multipleOf', /^unsupported schema keyword: 'multipleOf'/],
    ['format', { type: 'string', format: 'email' }, 'spec.facts.code.format', /^unsupported schema keyword: 'format'/],
    ['an enum of lists', { type: 'array', enum: [['a']] }, 'spec.facts.code.enum', /^unsupported schema value: /],
    ['uniqueItems over numbers', { type: 'array', items: { type: 'number' }, uniqueItems: true }, 'spec.facts.code.uniqueItems', /^unsupported schema keyword: /],
    ['a nested unsupported keyword', { type: 'object', properties: { id: { type: 'string', minProperties: 1 } } }, 'spec.facts.code.properties.id.minProperties', /^unsupported schema keyword: /],
  ])('refuses %s, naming the fact and keyword', (_, schema, path, message) => {
    const found = refusals(withFact(schema));
    expect(found).toHaveLength(1);
    expect(found[0]!.path).toBe(path);
    expect(found[0]!.message).toMatch(message);
  });

  it('compiles the anchored id patterns the shipped policies use', () => {
    for (const pattern of ['^V-[0-9]{5,7}$', '^ORD-[0-9]{6,10}$', '^[A-Z]{2}$', '^ACC-[0-9]{5,8}$']) {
      expect(refusals(withFact({ type: 'string', pattern }))).toEqual([]);
    }
  });

  it('refuses a path step named length, which JavaScript reads as a list’s length', () => {
    const policy = policyWith({ tags: { type: 'array' } }, [{ id: 'r', when: { fact: 'tags', path: '$.length', operator: 'equal', value: 2 }, route: 'deny' }]);
    expect(refusals(policy)).toEqual([{ path: 'spec.rules[0].when.path', message: expect.stringMatching(/^unsupported path: /) as unknown }]);
  });

  it('refuses a path outside $.field and $[index] steps', () => {
    const policy = policyWith({ a: { type: 'object' } }, [{ id: 'r', when: { any: [{ fact: 'a', path: "$['b']", operator: 'equal', value: 1 }] }, route: 'deny' }]);
    expect(refusals(policy)).toEqual([{ path: 'spec.rules[0].when.any[0].path', message: expect.stringMatching(/^unsupported path: /) as unknown }]);
  });

  it('refuses a threshold override the policy does not declare, and a non-finite one', () => {
    const policy = policyWith({ n: { type: 'number' } }, [{ id: 'r', when: { fact: 'n', operator: 'greaterThan', value: { threshold: 'cap' } }, route: 'deny' }], { cap: 5 });
    expect(refusals(policy, { cup: 1 })).toEqual([{ path: 'thresholds.cup', message: expect.stringMatching(/^unsupported threshold: /) as unknown }]);
    expect(refusals(policy, { cap: Infinity })).toContainEqual({ path: 'spec.thresholds.cap', message: expect.stringMatching(/^unsupported threshold: /) as unknown });
    expect(refusals(policy, { cap: 7 })).toEqual([]);
  });

  it('refuses an irreversible fact not declared { type: boolean }, where core and the reference part ways', () => {
    const policy = policyWith({ irreversible: { type: ['boolean', 'string'] } }, [{ id: 'r', when: { fact: 'irreversible', operator: 'equal', value: 'yes' }, route: 'auto' }]);
    expect(refusals(policy)).toEqual([{ path: 'spec.facts.irreversible', message: expect.stringMatching(/^unsupported irreversible schema: /) as unknown }]);
  });

  it('refuses a fact name holding a NUL character, which no DuckDB string can carry', () => {
    expect(refusals(policyWith({ 'a\u0000b': { type: 'string' } }, [{ id: 'r', when: { fact: 'x', operator: 'equal', value: 1 }, route: 'deny' }]))).toEqual([
      { path: 'spec.facts', message: expect.stringMatching(/^unsupported text: /) as unknown },
    ]);
  });
});

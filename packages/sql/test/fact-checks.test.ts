import fc from 'fast-check';
import type { DuckDBConnection } from '@duckdb/node-api';
import { beforeAll, describe, expect, it } from 'vitest';
import { referenceDecide } from '../../core/test/reference-evaluator.js';
import { openDuckDb, routeAll } from './duckdb.js';
import { policyWith } from './policy-fixture.js';

// The schema keywords the shipped policies use and the random policies do not,
// checked in SQL against ajv (through the reference) on arbitrary JSON values.
const policy = policyWith(
  {
    code: { type: 'string', pattern: '^V-[0-9]{2,3}$', minLength: 4, maxLength: 5 },
    ref: { type: 'string', pattern: '[A-Z]{2}-[0-9]' },
    amount: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 10 },
    count: { type: ['integer', 'null'], minimum: 1 },
    terms: { type: 'array', items: { type: 'string', enum: ['a', 'b'] }, uniqueItems: true, minItems: 1, maxItems: 2 },
    account: { type: 'object', properties: { id: { type: 'string' }, risk: { type: 'number', maximum: 5 } }, required: ['id'], additionalProperties: false },
    mixed: { enum: ['x', 1, true, null] },
    two: { const: 2 },
    anything: {},
  },
  [{ id: 'r', when: { fact: 'amount', operator: 'greaterThan', value: 5 }, route: 'deny' }],
);

const near = {
  ref: fc.constantFrom('AB-1', 'xAB-12x', 'ab-1', 'A-1', 'ÄB-1', ''),
  code: fc.constantFrom('V-12', 'V-123', 'V-1234', 'v-12', 'V-1', ' V-12', 'V-12\n', 'V-١٢', 'x'),
  amount: fc.constantFrom(0, 1e-9, 5, 9.999, 10, -1, 5.5),
  count: fc.constantFrom(0, 1, 2, 1.5, 3.0, null),
  terms: fc.constantFrom([], ['a'], ['a', 'a'], ['a', 'b'], ['a', 'b', 'a'], ['c'], [1], [null]),
  account: fc.constantFrom({}, { id: 'x' }, { id: 'x', risk: 5 }, { id: 'x', risk: 6 }, { id: 'x', other: 1 }, { id: null }, { risk: 1 }, { id: 'x', risk: null }),
  mixed: fc.constantFrom('x', 1, 1.0, true, false, null, 'y', '1'),
  two: fc.constantFrom(2, 2.0, '2', 3),
  anything: fc.constantFrom(1, 'a', [], {}, null),
};
const value = (name: keyof typeof near) => fc.oneof({ weight: 3, arbitrary: near[name] as fc.Arbitrary<unknown> }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) });
// One fact a record, so one invalid fact cannot hide how another was checked.
const facts = fc.constantFrom(...(Object.keys(near) as (keyof typeof near)[])).chain((name) => value(name).map((v) => ({ [name]: v })));

let connection: DuckDBConnection;
beforeAll(async () => {
  connection = await openDuckDb();
});

describe('fact checks in SQL against ajv', () => {
  it('finds a fact valid or invalid exactly as the reference does', async () => {
    const outcomes = { valid: 0, invalid: 0 };
    await fc.assert(
      fc.asyncProperty(fc.array(facts, { minLength: 50, maxLength: 100 }), async (records) => {
        const result = await routeAll(connection, policy, { dialect: 'duckdb' }, records);
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        const expected = records.map((f) => {
          const r = referenceDecide(policy, f);
          outcomes[r.error === 'invalid-fact' ? 'invalid' : 'valid']++;
          return { route: r.route, error: r.error, matched: r.matched, undecided: r.undecided };
        });
        expect(result.rows).toEqual(expected);
      }),
      { numRuns: 100, endOnFailure: true },
    );
    expect(outcomes.valid).toBeGreaterThan(1000);
    expect(outcomes.invalid).toBeGreaterThan(1000);
  });
});

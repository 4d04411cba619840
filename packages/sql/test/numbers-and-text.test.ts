import type { DuckDBConnection } from '@duckdb/node-api';
import { beforeAll, describe, expect, it } from 'vitest';
import { referenceDecide } from '../../core/test/reference-evaluator.js';
import { openDuckDb, routeLines } from './duckdb.js';
import { policyWith } from './policy-fixture.js';

// Records as raw JSON text, the way a history file holds them: number
// spellings JSON.stringify never writes, and a repeated key.
const policy = policyWith({ amount: { type: 'number', maximum: 1e300 }, count: { type: 'integer' }, any: {} }, [
  { id: 'big', when: { fact: 'amount', operator: 'greaterThanInclusive', value: 9007199254740992 }, route: 'deny' },
  { id: 'count', when: { fact: 'count', operator: 'equal', value: 3 }, route: 'escalate' },
  { id: 'zero', when: { fact: 'amount', operator: 'equal', value: 0 }, route: 'approve_before' },
]);

let connection: DuckDBConnection;
beforeAll(async () => {
  connection = await openDuckDb();
});

describe('numbers and text as written', () => {
  it('reads numbers as JavaScript parses them: big integers rounded, 1.0 an integer, 1e400 not a finite number, -0 equal to 0', async () => {
    const lines = ['{"amount": 9007199254740993}', '{"count": 3.0}', '{"count": 3.5}', '{"amount": 1e400}', '{"amount": -0.0}', '{"amount": 18446744073709551617}', '{"any": 1e400}', '{"amount": 1e-400}'];
    const result = await routeLines(connection, policy, { dialect: 'duckdb' }, lines);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const expected = lines.map((line) => {
      const r = referenceDecide(policy, JSON.parse(line));
      return { route: r.route, error: r.error, matched: [...r.matched].sort(), undecided: [...r.undecided].sort() };
    });
    expect(result.rows).toEqual(expected);
  });

  it('never decides a record with a repeated key: JavaScript keeps the last value, DuckDB the first', async () => {
    const result = await routeLines(connection, policy, { dialect: 'duckdb' }, ['{"count": 1, "count": 3}']);
    expect(result.ok && result.rows).toEqual([{ route: 'escalate', error: 'invalid-json', matched: [], undecided: [] }]);
  });
});

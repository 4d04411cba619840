import type { DuckDBConnection } from '@duckdb/node-api';
import { beforeAll, describe, expect, it } from 'vitest';
import { referenceDecide } from '../../core/test/reference-evaluator.js';
import { compilePolicyToSql } from '../src/index.js';
import { openDuckDb, routeAll } from './duckdb.js';
import { policyWith } from './policy-fixture.js';

// Fact names, enum values, literals and rule ids come from policy files: a
// single quote, a slash or a tilde must reach DuckDB as data, not as SQL or path syntax.
const NAME = "o'brien/~0'; DROP TABLE x; --";
const VALUE = "it's";
const policy = policyWith(
  { [NAME]: { type: 'string', enum: [VALUE, 'plain'] }, nested: { type: 'object', properties: { "k'y": { type: 'string', enum: ["v'"] } }, additionalProperties: false } },
  [
    { id: "quote's rule", when: { fact: NAME, operator: 'equal', value: VALUE }, route: 'deny' },
    { id: 'in-rule', when: { fact: NAME, operator: 'in', value: ["'", VALUE] }, route: 'escalate' },
    { id: 'auto-rule', when: { fact: NAME, operator: 'equal', value: 'plain' }, route: 'auto' },
  ],
);

let connection: DuckDBConnection;
beforeAll(async () => {
  connection = await openDuckDb();
});

describe('quoting', () => {
  it('decides facts named and valued with quotes, slashes and tildes as the reference does', async () => {
    const facts = [{ [NAME]: VALUE }, { [NAME]: 'plain' }, { [NAME]: "it''s" }, { [NAME]: null }, {}, { nested: { "k'y": "v'" } }, { nested: { "k'y": 'v' } }, { nested: { other: 1 } }, { "o'brien": VALUE }, null, [1], 'text'];
    const result = await routeAll(connection, policy, { dialect: 'duckdb' }, facts);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const expected = facts.map((f) => {
      const r = referenceDecide(policy, f);
      return { route: r.route, error: r.error, matched: [...r.matched].sort(), undecided: [...r.undecided].sort() };
    });
    expect(result.rows).toEqual(expected);
    expect(result.rows[0]).toEqual({ route: 'deny', error: undefined, matched: ['in-rule', "quote's rule"], undecided: [] });
    expect(result.rows.slice(9).map((row) => row.error)).toEqual(['invalid-fact', 'invalid-fact', 'invalid-fact']);
  });

  it('writes each quote doubled inside a single-quoted literal', () => {
    const compiled = compilePolicyToSql(policy, { dialect: 'duckdb' });
    expect(compiled.ok).toBe(true);
    if (compiled.ok) {
      expect(compiled.sql).toContain(`'it''s'`);
      expect(compiled.sql).toContain(`'/o''brien~1~00''; DROP TABLE x; --'`);
    }
  });
});

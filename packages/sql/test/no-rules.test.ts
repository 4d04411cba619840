import type { DuckDBConnection } from '@duckdb/node-api';
import { beforeAll, describe, expect, it } from 'vitest';
import { referenceDecide } from '../../core/test/reference-evaluator.js';
import { compilePolicyToSql } from '../src/index.js';
import { openDuckDb, routeAll } from './duckdb.js';
import { policyWith } from './policy-fixture.js';

// A policy may declare facts and no rules yet: every action takes the default
// (through the irreversible gate), and SQL, which has no CASE without a WHEN,
// must still say so.
let connection: DuckDBConnection;
beforeAll(async () => {
  connection = await openDuckDb();
});

describe('a policy with no rules', () => {
  it.each(['most-restrictive', 'first-match'] as const)('routes every record to the default, gated, under %s', async (strategy) => {
    const policy = policyWith({ amount: { type: 'number' }, irreversible: { type: 'boolean' } }, []);
    policy.spec.strategy = strategy;
    const facts = [{ amount: 5, irreversible: false }, { amount: 5, irreversible: true }, { amount: 5 }, { amount: 'five', irreversible: false }];
    const result = await routeAll(connection, policy, { dialect: 'duckdb' }, facts);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.rows).toEqual(facts.map((f) => {
      const r = referenceDecide(policy, f);
      return { route: r.route, error: r.error, matched: [], undecided: [] };
    }));
    expect(result.rows.map((row) => row.route)).toEqual(['auto', 'approve_before', 'escalate', 'escalate']);
    for (const dialect of ['spark', 'trino'] as const) expect(compilePolicyToSql(policy, { dialect }).ok).toBe(true);
  });
});

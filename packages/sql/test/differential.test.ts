import fc from 'fast-check';
import type { DuckDBConnection } from '@duckdb/node-api';
import { beforeAll, describe, expect, it } from 'vitest';
import { anyFacts, completeFacts, factsFor, invalidFacts, partialFacts, policy as arbitraryPolicy, thresholdOverrides } from '../../core/test/arbitraries.js';
import { referenceDecide } from '../../core/test/reference-evaluator.js';
import { UNSUPPORTED } from '../src/index.js';
import { openDuckDb, routeAll } from './duckdb.js';

// design.md, "One semantics everywhere": the SQL a policy compiles to gives the
// reference's route, error, matched and undecided rules for every record.
// Many fact objects share one table and one query per policy, so the suite
// runs hundreds of policies.
// endOnFailure: shrinking re-runs DuckDB queries by the hundred; the first counterexample is reported as found.
const RUNS = { numRuns: 400, endOnFailure: true };
const REFUSAL = new RegExp(`^(${UNSUPPORTED.join('|')}): `);

let connection: DuckDBConnection;
beforeAll(async () => {
  connection = await openDuckDb();
});

const manyFacts = fc.array(fc.oneof(anyFacts, completeFacts, partialFacts, invalidFacts), { minLength: 30, maxLength: 60 });

describe('compiled SQL against the reference', () => {
  it('gives the reference’s route, error, matched and undecided for random policies, facts and threshold overrides', async () => {
    let compiled = 0;
    let refused = 0;
    let rows = 0;
    // What the rows exercised, so a generator that drifted into trivial cases fails the test.
    const seen = new Map<string, number>();
    const count = (what: string) => seen.set(what, (seen.get(what) ?? 0) + 1);
    await fc.assert(
      fc.asyncProperty(arbitraryPolicy, manyFacts, fc.option(thresholdOverrides, { nil: undefined }), async (policy, raws, overrides) => {
        const facts = raws.map((raw) => factsFor(policy, raw));
        const result = await routeAll(connection, policy, { dialect: 'duckdb', ...(overrides === undefined ? {} : { thresholds: overrides }) }, facts);
        if (!result.ok) {
          refused++;
          for (const diagnostic of result.diagnostics) expect(diagnostic.message).toMatch(REFUSAL);
          return;
        }
        compiled++;
        rows += facts.length;
        const expected = facts.map((f) => {
          const r = referenceDecide(policy, f, overrides);
          count(r.error ?? r.route);
          if (r.chosen !== r.route && r.error === undefined) count('gated');
          if (policy.spec.strategy === 'first-match') count('first-match');
          return { route: r.route, error: r.error, matched: [...r.matched].sort(), undecided: [...r.undecided].sort() };
        });
        expect(result.rows).toEqual(expected);
      }),
      RUNS,
    );
    expect(compiled + refused).toBeGreaterThanOrEqual(RUNS.numRuns);
    expect(refused).toBeLessThanOrEqual(compiled / 4);
    expect(rows).toBeGreaterThan(RUNS.numRuns * 20);
    for (const what of ['auto', 'review_after', 'approve_before', 'escalate', 'deny', 'gated', 'first-match', 'invalid-fact', 'undeclared-fact', 'missing-fact', 'irreversibility-unknown']) {
      expect(seen.get(what) ?? 0, what).toBeGreaterThan(50);
    }
    // Some seconds alone; minutes when every package's suite runs at once on two busy cores.
  }, 900_000);
});

import fc from 'fast-check';
import type { DuckDBConnection } from '@duckdb/node-api';
import { beforeAll, describe, expect, it } from 'vitest';
import { anyFacts, completeFacts, factsFor, partialFacts, policy as arbitraryPolicy } from '../../core/test/arbitraries.js';
import { referenceDecide } from '../../core/test/reference-evaluator.js';
import { compileVariants, decodeOutcome, UNSUPPORTED } from '../src/index.js';
import { openDuckDb } from './duckdb.js';

// design.md, "One semantics everywhere", for the features form of a sweep:
// each record's features (step 1, the gate's reading, invariant rule and leaf
// states, and the rank of each fact a varied threshold is compared with) are
// computed once, and every variant decided from them must give the
// reference's route, error, matched and undecided rules at its thresholds.
const RUNS = { numRuns: 150, endOnFailure: true };
const REFUSAL = new RegExp(`^(${UNSUPPORTED.join('|')}): `);
const EDGES = [0, 1, 2.5, 5, 9, 10, -1, 0.5, 100];
const variants = fc.array(fc.record({ cap: fc.constantFrom(...EDGES), floor: fc.constantFrom(...EDGES) }, { requiredKeys: [] }), { minLength: 2, maxLength: 6 });
const manyFacts = fc.array(fc.oneof(anyFacts, completeFacts, partialFacts), { minLength: 20, maxLength: 40 });

let connection: DuckDBConnection;
beforeAll(async () => {
  connection = await openDuckDb();
});

describe('threshold variants decided from features', () => {
  it('gives each variant the reference’s decision at its thresholds, for random policies and facts', async () => {
    let compiled = 0;
    let ranked = 0;
    await fc.assert(
      fc.asyncProperty(arbitraryPolicy, manyFacts, variants, async (policy, raws, points) => {
        const result = compileVariants(policy, points, {});
        if (!result.ok) {
          for (const diagnostic of result.diagnostics) expect(diagnostic.message).toMatch(REFUSAL);
          return;
        }
        compiled++;
        const { plan } = result;
        if (plan.features.some(({ column }) => column.startsWith('oversight_rank_'))) ranked++;
        const facts = raws.map((raw) => factsFor(policy, raw));
        await connection.run(
          `CREATE OR REPLACE TEMP TABLE variant_facts AS
           SELECT generate_subscripts(l, 1) AS i, CAST(unnest(l) AS JSON) AS facts FROM (SELECT json_extract_string(CAST($lines AS JSON), '$[*]') AS l)`,
          { lines: JSON.stringify(facts.map((f) => JSON.stringify(f))) },
        );
        const prepared = plan.prepare === undefined ? 'variant_facts' : `(SELECT *, ${plan.prepare.sql} AS ${plan.prepare.column} FROM variant_facts)`;
        await connection.run(`CREATE OR REPLACE TEMP TABLE variant_features AS SELECT i, ${plan.features.map(({ column, sql }) => `${sql} AS ${column}`).join(', ')} FROM ${prepared}`);
        for (const [v, query] of plan.queries.entries()) {
          const rows = (await connection.runAndReadAll(`WITH oversight_input AS (SELECT * FROM variant_features) SELECT code FROM (${query}) ORDER BY i`)).getRowObjectsJS();
          const rules = policy.spec.rules.map((rule) => rule.id);
          const decided = rows.map((row) => {
            const { route, error, matched, undecided } = decodeOutcome(BigInt(row.code as bigint), rules.length);
            const ids = (mask: bigint) => rules.filter((_, i) => (mask >> BigInt(i)) & 1n).sort();
            return { route, error, matched: ids(matched), undecided: ids(undecided) };
          });
          expect(decided).toEqual(
            facts.map((f) => {
              const r = referenceDecide(policy, f, points[v]);
              return { route: r.route, error: r.error, matched: [...r.matched].sort(), undecided: [...r.undecided].sort() };
            }),
          );
        }
      }),
      RUNS,
    );
    expect(compiled).toBeGreaterThan(RUNS.numRuns * 0.75);
    // Most policies compare a fact with a varied threshold: the ranks, not only invariant states, were exercised.
    expect(ranked).toBeGreaterThan(RUNS.numRuns / 4);
  }, 900_000);
});

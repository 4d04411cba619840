import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { routeQuery, UNSUPPORTED } from '@oversight/sql';
import { describe, expect, it } from 'vitest';
import { anyFacts, completeFacts, factsFor, partialFacts, policy as arbitraryPolicy, thresholdOverrides } from '../../core/test/arbitraries.js';
import { referenceDecide } from '../../core/test/reference-evaluator.js';
import { canonicalValue } from '../src/canonical-record.js';
import { columnTypeOf } from '../src/column-type-of.js';
import { duckDbWorkspace } from './duckdb.js';

// design.md, "One semantics everywhere", for facts held as typed columns: a
// batch of fact objects becomes a table the way a JSON Lines history becomes
// Parquet (DuckDB's read_json infers a STRUCT, a JSON column where a field's
// types mix), and the SQL compiled for that STRUCT must decide every row as
// the reference decides the JSON the row stands for.
const RUNS = { numRuns: 200, endOnFailure: true };
const REFUSAL = new RegExp(`^(${UNSUPPORTED.join('|')}): `);
// Clean batches keep every field typed; mixed ones put wrong types and undeclared keys in JSON columns.
const batch = fc.oneof(
  fc.array(fc.oneof(completeFacts, partialFacts), { minLength: 20, maxLength: 40 }),
  fc.array(anyFacts, { minLength: 20, maxLength: 40 }),
);

const workspace = duckDbWorkspace('oversight-typed-');

describe('compiled SQL over typed facts columns against the reference', () => {
  it('decides each row as the reference decides the JSON it stands for, typed or JSON field alike', async () => {
    let compiled = 0;
    let sample = 0;
    const kinds = new Map<string, number>();
    const seen = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(arbitraryPolicy, batch, fc.option(thresholdOverrides, { nil: undefined }), async (policy, raws, overrides) => {
        const file = join(workspace.dir, `facts-${sample++}.jsonl`);
        writeFileSync(file, raws.map((raw, i) => JSON.stringify({ i, facts: factsFor(policy, raw) })).join('\n') + '\n');
        await workspace.connection.run(`CREATE OR REPLACE TEMP TABLE typed_facts AS SELECT * FROM read_json('${file}', format = 'newline_delimited', sample_size = -1)`);
        const table = await workspace.connection.runAndReadAll('SELECT i, facts, to_json(facts)::VARCHAR AS text FROM typed_facts ORDER BY i');
        const type = columnTypeOf(table.columnTypes()[1]!);
        if (type.kind === 'struct') for (const [, field] of type.fields) kinds.set(field.kind, (kinds.get(field.kind) ?? 0) + 1);
        const query = routeQuery(policy, { dialect: 'duckdb', facts: type, ...(overrides === undefined ? {} : { thresholds: overrides }) }, 'typed_facts');
        if (!query.ok) {
          for (const diagnostic of query.diagnostics) expect(diagnostic.message).toMatch(REFUSAL);
          return;
        }
        compiled++;
        const decided = (await workspace.connection.runAndReadAll(`SELECT route, error, matched, undecided FROM (${query.sql}) ORDER BY i`)).getRowObjectsJS();
        const expected = table.getRowObjectsJS().map((row) => {
          const facts = canonicalValue(JSON.parse(row.text as string), type) as Record<string, unknown>;
          const r = referenceDecide(policy, facts, overrides);
          seen.set(r.error ?? r.route, (seen.get(r.error ?? r.route) ?? 0) + 1);
          return { route: r.route, error: r.error ?? null, matched: [...r.matched].sort(), undecided: [...r.undecided].sort() };
        });
        expect(decided).toEqual(expected);
      }),
      RUNS,
    );
    expect(compiled).toBeGreaterThan(RUNS.numRuns * 0.75);
    // The batches reached typed fields of every kind, JSON ones, and every way a decision ends.
    for (const kind of ['boolean', 'integer', 'double', 'varchar', 'list', 'struct', 'json']) expect(kinds.get(kind) ?? 0, kind).toBeGreaterThan(20);
    for (const what of ['auto', 'approve_before', 'deny', 'invalid-fact', 'undeclared-fact', 'missing-fact', 'irreversibility-unknown']) expect(seen.get(what) ?? 0, what).toBeGreaterThan(20);
  }, 900_000);
});

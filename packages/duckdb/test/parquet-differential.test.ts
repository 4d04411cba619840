import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compilePolicy } from '@oversight/core';
import { simulate } from '@oversight/simulator';
import { policy as arbitraryPolicy, thresholdOverrides } from '../../core/test/arbitraries.js';
import { simulateOnDuckDb, SqlRefusalError } from '../src/index.js';
import { openTypedRows, rowsAsJson } from '../src/parquet-history.js';
import { duckDbWorkspace } from './duckdb.js';
import { expectSameSweep, history, historyText } from './histories.js';

// A Parquet history stands for JSON records (canonical-record.ts: a NULL struct
// field is absent, a timestamp is ISO 8601 in UTC): the DuckDB engine's report
// on the Parquet file must be the streaming engine's on those records, field
// for field, with row numbers for line numbers. Each history is written as
// JSON Lines and turned into Parquet by DuckDB's read_json, as a team would
// convert one: types are inferred, and mixed ones become JSON columns.
const RUNS = { numRuns: 100, endOnFailure: true };

const workspace = duckDbWorkspace('oversight-parquet-');

let file = 0;
/** The history as a Parquet file, and the JSON Lines text its rows stand for. */
async function asParquet(jsonLines: string): Promise<{ path: string; text: string }> {
  const source = join(workspace.dir, `history-${++file}.jsonl`);
  const path = join(workspace.dir, `history-${file}.parquet`);
  // read_json reads objects only, and refuses a repeated key: those lines stay in the JSON Lines tests. It takes NaN.
  const objects = jsonLines.split('\n').filter((line) => line.startsWith('{') && !line.includes('"d-twice"') && !line.includes('"d-comma"'));
  writeFileSync(source, objects.join('\n') + '\n');
  await workspace.connection.run(`COPY (SELECT * FROM read_json('${source}', format = 'newline_delimited', sample_size = -1)) TO '${path}' (FORMAT parquet)`);
  const row = await openTypedRows(workspace.connection, { format: 'parquet', files: [{ name: 'history.parquet', path }] });
  const lines: string[] = [];
  for await (const { json, written } of rowsAsJson(workspace.connection, row)) lines.push(json.ok ? json.text : written);
  return { path, text: lines.join('\n') + '\n' };
}

describe('the DuckDB engine on Parquet against the streaming engine on the records it stands for', () => {
  it('gives the same simulation report for random policies, candidates and histories', async () => {
    let replayed = 0;
    await fc.assert(
      fc.asyncProperty(arbitraryPolicy, arbitraryPolicy, fc.option(thresholdOverrides, { nil: undefined }), history, fc.boolean(), async (base, other, overrides, lines, thresholdsOnly) => {
        const plan = compilePolicy(base);
        // Candidates of the baseline's policy alone are decided from features grouped first; another policy's, whole.
        const candidates = [
          { label: 'thresholds', plan, thresholds: overrides },
          ...(thresholdsOnly ? [{ label: 'more thresholds', plan, thresholds: { cap: 0.5, floor: 9 } }] : [{ label: 'other rules', plan: compilePolicy(other) }]),
        ];
        const { path, text } = await asParquet(historyText(base, lines, false));
        const options = { baseline: { label: 'baseline', plan }, candidates, examples: 3 };
        const streaming = await simulate([{ name: 'history.parquet', chunks: [text] }], options);
        try {
          const duckdb = await simulateOnDuckDb([{ name: 'history.parquet', path }], { ...options, connection: workspace.connection });
          replayed++;
          expect(JSON.stringify(duckdb, null, 1)).toBe(JSON.stringify(streaming, null, 1));
        } catch (error) {
          if (!(error instanceof SqlRefusalError)) throw error;
        }
      }),
      RUNS,
    );
    expect(replayed).toBeGreaterThanOrEqual(RUNS.numRuns * 0.75);
  }, 900_000);

  it('gives the same sweep report', async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryPolicy, history, async (base, lines) => {
        const plan = compilePolicy(base);
        const { path, text } = await asParquet(historyText(base, lines, false));
        await expectSameSweep(workspace.connection, plan, { name: 'history.parquet', path }, text);
      }),
      { numRuns: 30, endOnFailure: true },
    );
  }, 900_000);
});

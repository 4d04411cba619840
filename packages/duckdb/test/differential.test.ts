import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compilePolicy, type HistoryRecord, type Route } from '@oversight/core';
import { simulate } from '@oversight/simulator';
import { policy as arbitraryPolicy, thresholdOverrides } from '../../core/test/arbitraries.js';
import { simulateOnDuckDb, SqlRefusalError, type RouteChange } from '../src/index.js';
import { duckDbWorkspace } from './duckdb.js';
import { expectSameSweep, history, historyText } from './histories.js';

// The whole point of the engine: for any policy and any history, DuckDB's
// report is the streaming engine's, field for field (and key for key, in the
// order JSON prints them). Histories mix valid records with every kind of
// line a replay must count apart: invalid ones, duplicates, other policies,
// log events, blank lines and CRLF endings.
const RUNS = { numRuns: 200, endOnFailure: true };

const workspace = duckDbWorkspace('oversight-duckdb-');

/** JSON with every object's keys sorted: facts alike whatever order a record wrote them in. */
const stableJson = (value: unknown): string =>
  JSON.stringify(value, (_key, inner: unknown) => (inner !== null && typeof inner === 'object' && !Array.isArray(inner) ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : 1))) : inner));

let file = 0;
function write(text: string): string {
  const path = join(workspace.dir, `history-${++file}.jsonl`);
  writeFileSync(path, text);
  return path;
}

describe('the DuckDB engine against the streaming engine', () => {
  it('gives the same simulation report for random policies, candidates and histories', async () => {
    let replayed = 0;
    let refused = 0;
    let changed = 0;
    await fc.assert(
      fc.asyncProperty(arbitraryPolicy, arbitraryPolicy, fc.option(thresholdOverrides, { nil: undefined }), history, fc.boolean(), fc.boolean(), async (base, other, overrides, lines, crlf, thresholdsOnly) => {
        const plan = compilePolicy(base);
        // Candidates of the baseline's policy alone are decided from features grouped first; another policy's, whole.
        const candidates = [
          { label: 'thresholds', plan, thresholds: overrides },
          ...(thresholdsOnly ? [{ label: 'more thresholds', plan, thresholds: { cap: 0.5, floor: 9 } }] : [{ label: 'other rules', plan: compilePolicy(other) }]),
        ];
        const text = historyText(base, lines, crlf);
        const path = write(text);
        const options = { baseline: { label: 'baseline', plan }, candidates, examples: 3 };
        // The records each candidate routes otherwise, as the regions of the CLI's report read them.
        const changes = { streaming: new Map<string, number>(), duckdb: new Map<string, number>() };
        const tally = (into: Map<string, number>, change: unknown[], records: number) => into.set(stableJson(change), (into.get(stableJson(change)) ?? 0) + records);
        const onRouteChange = (variant: number, record: HistoryRecord, from: Route, to: Route) => tally(changes.streaming, [variant, record.facts, record.outcome?.decision ?? null, from, to], 1);
        const onRouteChanges = ({ variant, facts, decision, baseline, candidate, records }: RouteChange) => tally(changes.duckdb, [variant, facts, decision, baseline, candidate], records);
        const streaming = await simulate([{ name: 'history.jsonl', chunks: [text] }], { ...options, onRouteChange });
        let duckdb;
        try {
          duckdb = await simulateOnDuckDb([{ name: 'history.jsonl', path }], { ...options, connection: workspace.connection, onRouteChanges });
        } catch (error) {
          if (!(error instanceof SqlRefusalError)) throw error;
          refused++;
          return;
        }
        replayed++;
        expect(JSON.stringify(duckdb, null, 1)).toBe(JSON.stringify(streaming, null, 1));
        expect(new Map([...changes.duckdb].sort())).toEqual(new Map([...changes.streaming].sort()));
        changed += changes.streaming.size;
      }),
      RUNS,
    );
    expect(replayed).toBeGreaterThanOrEqual(RUNS.numRuns * 0.75);
    expect(replayed + refused).toBe(RUNS.numRuns);
    // Route changes were there to tell.
    expect(changed).toBeGreaterThan(RUNS.numRuns);
  }, 900_000);

  it('gives the same sweep report', async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryPolicy, history, async (base, lines) => {
        const plan = compilePolicy(base);
        const text = historyText(base, lines, false);
        await expectSameSweep(workspace.connection, plan, { name: 'history.jsonl', path: write(text) }, text);
      }),
      { numRuns: 40, endOnFailure: true },
    );
  }, 900_000);
});

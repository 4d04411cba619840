import { createReadStream, readFileSync } from 'node:fs';
import type { DuckDBConnection } from '@duckdb/node-api';
import { beforeAll, describe, expect, it } from 'vitest';
import { compilePolicy, loadPolicy } from '@oversight/core';
import { simulate, sweep, sweepPoints } from '@oversight/simulator';
import { simulateOnDuckDb, sweepOnDuckDb } from '../src/index.js';
import { openDuckDb } from './duckdb.js';

// The example policies over their sample histories: what the README's tour
// runs with --engine duckdb must print what the streaming engine prints.
const POLICIES = ['support-refunds', 'sales-outreach', 'back-office-forms', 'internal-reporting'];

let connection: DuckDBConnection;
beforeAll(async () => {
  connection = await openDuckDb();
});

function load(name: string) {
  const file = new URL(`../../../policies/${name}.yaml`, import.meta.url);
  const loaded = loadPolicy(readFileSync(file, 'utf8'), `policies/${name}.yaml`);
  if (!loaded.ok) throw new Error(`policies/${name}.yaml does not load`);
  return { plan: compilePolicy(loaded.policy), path: new URL(`../../../policies/history/${name}.history.jsonl`, import.meta.url).pathname };
}

describe.each(POLICIES)('%s and its sample history', (name) => {
  it('gets the same simulation report from both engines, with a candidate that moves every threshold', async () => {
    const { plan, path } = load(name);
    const thresholds = Object.fromEntries(plan.thresholdNames.map((threshold, i) => [threshold, plan.thresholdValues[i]! * 1.5 + 1]));
    const options = { baseline: { label: 'main', plan }, candidates: [{ label: 'raised', plan, thresholds }], budgets: { maxEscapes: { count: 0 } } };
    const streaming = await simulate([{ name: 'history.jsonl', chunks: createReadStream(path, 'utf8') as AsyncIterable<string> }], options);
    const duckdb = await simulateOnDuckDb([{ name: 'history.jsonl', path }], { ...options, connection });
    expect(streaming.history.replayed).toBeGreaterThan(1000);
    expect(JSON.stringify(duckdb, null, 1)).toBe(JSON.stringify(streaming, null, 1));
  });
});

it('gets the same sweep of support-refunds from both engines', async () => {
  const { plan, path } = load('support-refunds');
  const vary = [{ name: 'autoRefundMax', from: 0, to: 200, step: 25 }];
  const points = sweepPoints(plan, vary);
  if (!points.ok) throw new Error(points.message);
  const options = { label: 'policies/support-refunds.yaml', plan, vary, points: points.value };
  const streaming = await sweep([{ name: 'history.jsonl', chunks: createReadStream(path, 'utf8') as AsyncIterable<string> }], options);
  const duckdb = await sweepOnDuckDb([{ name: 'history.jsonl', path }], { ...options, connection });
  expect(duckdb.points.some((point) => point.escapes > 0)).toBe(true);
  expect(JSON.stringify(duckdb, null, 1)).toBe(JSON.stringify(streaming, null, 1));
});

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { DuckDBConnection } from '@duckdb/node-api';
import { compilePolicy, evaluate, loadPolicy, type Policy } from '@oversight/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDuckDb, routeAll } from './duckdb.js';

// The four shipped policies over their sample actions and their histories'
// facts: the compiled SQL decides every record as core's evaluate does.
const POLICIES = ['support-refunds', 'sales-outreach', 'back-office-forms', 'internal-reporting'];
const HISTORY_LINES = 3000;
const file = (path: string) => readFileSync(fileURLToPath(new URL(`../../../policies/${path}`, import.meta.url)), 'utf8');
const jsonLines = (text: string, limit: number): unknown[] =>
  text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .slice(0, limit)
    .map((line) => JSON.parse(line) as unknown);

function load(name: string): Policy {
  const loaded = loadPolicy(file(`${name}.yaml`), `${name}.yaml`);
  if (!loaded.ok) throw new Error(loaded.diagnostics.map((d) => d.message).join('\n'));
  return loaded.policy;
}

let connection: DuckDBConnection;
beforeAll(async () => {
  connection = await openDuckDb();
});

describe('the shipped policies in SQL', () => {
  it.each(POLICIES)('%s: decides its sample actions and its history’s facts as evaluate does', async (name) => {
    const policy = load(name);
    const samples = jsonLines(file(`samples/${name}.actions.jsonl`), Infinity);
    const history = jsonLines(file(`history/${name}.history.jsonl`), HISTORY_LINES).map((record) => (record as { facts: unknown }).facts);
    const facts = [...samples, ...history];
    const result = await routeAll(connection, policy, { dialect: 'duckdb' }, facts);
    expect(result.ok ? [] : result.diagnostics).toEqual([]);
    if (!result.ok) return;

    const plan = compilePolicy(policy);
    const expected = facts.map((f) => {
      const decision = evaluate(plan, f);
      const ids = (rules: { id: string }[]) => rules.map((rule) => rule.id).sort();
      return { route: decision.route, error: decision.error?.code, matched: ids(decision.matched), undecided: ids(decision.undecided) };
    });
    expect(result.rows).toEqual(expected);
    // The histories exercise more than one route, so agreement is not agreement on one answer.
    expect(new Set(result.rows.map((row) => row.route)).size).toBeGreaterThan(1);
  });
});

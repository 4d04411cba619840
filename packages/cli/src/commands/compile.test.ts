import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { compilePolicy, evaluate, loadPolicy } from '@oversight/core';
import { runOversight as oversight } from '../../test/memory-io.js';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const POLICY = 'policies/support-refunds.yaml';
const HISTORY = join(ROOT, 'policies/history/support-refunds.history.jsonl');

/** Runs the printed query in DuckDB over the shipped history, as its help says to, counting (recorded route, route) pairs. */
async function runOverHistory(sql: string): Promise<Record<string, number>> {
  // One thread: every package's tests run at once on the same cores.
  const connection = await (await DuckDBInstance.create(':memory:', { threads: '1' })).connect();
  const input = `SELECT route AS recorded, facts FROM read_json('${HISTORY.replaceAll("'", "''")}', columns = {route: 'VARCHAR', facts: 'JSON'})`;
  const reader = await connection.runAndReadAll(`WITH oversight_input AS (${input}) SELECT recorded, route, count(*) AS n FROM (${sql}) GROUP BY ALL`);
  return Object.fromEntries(reader.getRowObjectsJS().map((row) => [`${row.recorded as string} ${row.route as string}`, Number(row.n)]));
}

function evaluatedCounts(thresholds: Record<string, number> = {}): Record<string, number> {
  const loaded = loadPolicy(readFileSync(join(ROOT, POLICY), 'utf8'), POLICY);
  if (!loaded.ok) throw new Error('the shipped policy does not load');
  const plan = compilePolicy(loaded.policy);
  const counts: Record<string, number> = {};
  for (const line of readFileSync(HISTORY, 'utf8').split('\n').filter((text) => text !== '')) {
    const record = JSON.parse(line) as { route: string; facts: Record<string, unknown> };
    const key = `${record.route} ${evaluate(plan, record.facts, { thresholds }).route}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

describe('oversight compile --to sql', () => {
  it('prints a DuckDB query that routes the shipped history exactly as evaluate does, with a threshold override', async () => {
    const result = await oversight(ROOT, 'compile', '--to', 'sql', '--dialect', 'duckdb', POLICY, '--threshold', 'autoRefundMax=100');
    expect(result.exitCode).toBe(0);
    expect(await runOverHistory(result.stdout)).toEqual(evaluatedCounts({ autoRefundMax: 100 }));
  });

  it('refuses a policy it cannot reproduce exactly, naming the construct, and prints no query', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'oversight-compile-'));
    const text = readFileSync(join(ROOT, POLICY), 'utf8').replace('      maximum: 100000\n', '      maximum: 100000\n      multipleOf: 0.01\n');
    expect(text).toContain('multipleOf');
    writeFileSync(join(dir, 'cents.yaml'), text);
    const result = await oversight(dir, 'compile', '--to', 'sql', 'cents.yaml');
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('cents.yaml: spec.facts.amount');
    expect(result.stderr).toContain('multipleOf');
  });

  it.each([
    ['spark', 'from_json(facts, ', 'RLIKE'],
    ['trino', 'json_parse(oversight_key)', 'regexp_like('],
  ])('prints a %s query over oversight_input joined back by its facts text, with the override', async (dialect, reads, regex) => {
    const result = await oversight(ROOT, 'compile', '--to', 'sql', '--dialect', dialect, POLICY, '--threshold', 'autoRefundMax=100');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/^SELECT oversight_input\.\*, oversight_decided\.route/);
    expect(result.stdout).toContain(reads);
    expect(result.stdout).toContain(regex);
    // The override, as a DOUBLE literal, and not the policy's own value.
    expect(result.stdout).toContain(`CAST('100' AS DOUBLE)`);
    expect(result.stdout).not.toContain('EXCLUDE');
  });

  it('names the dialect when spark cannot reproduce a construct (exit 1)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'oversight-compile-'));
    const text = readFileSync(join(ROOT, POLICY), 'utf8').replace('      maximum: 100000\n', '      maximum: 100000\n      multipleOf: 0.01\n');
    writeFileSync(join(dir, 'cents.yaml'), text);
    const result = await oversight(dir, 'compile', '--to', 'sql', '--dialect', 'spark', 'cents.yaml');
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('the spark query cannot reproduce exactly');
  });

  it('names the declared thresholds when an override names another (exit 2)', async () => {
    const result = await oversight(ROOT, 'compile', '--to', 'sql', POLICY, '--threshold', 'noSuchThreshold=1');
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain("unknown threshold 'noSuchThreshold'");
  });
});

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { compilePolicy, evaluate, loadPolicy } from '@oversight/core';
import { describe, expect, it } from 'vitest';
import { routeQuery } from '../src/index.js';

// README.md's example, run as written but with paths from this file: the
// shipped support-refunds policy over its whole history, read by DuckDB.
const root = (path: string) => fileURLToPath(new URL(`../../../${path}`, import.meta.url));

describe('the README example', () => {
  it('routes every record of the support-refunds history in DuckDB as evaluate does', async () => {
    const loaded = loadPolicy(readFileSync(root('policies/support-refunds.yaml'), 'utf8'), 'support-refunds.yaml');
    if (!loaded.ok) throw new Error('policy does not load');
    const history = root('policies/history/support-refunds.history.jsonl');
    const source = `(SELECT decisionId, route AS recorded, facts
  FROM read_json('${history.replaceAll("'", "''")}', columns = {decisionId: 'VARCHAR', route: 'VARCHAR', facts: 'JSON'}))`;
    const query = routeQuery(loaded.policy, { dialect: 'duckdb' }, source);
    if (!query.ok) throw new Error(query.diagnostics.map((d) => `${d.path}: ${d.message}`).join('\n'));

    // One thread (unlike the README): every package's tests run at once on the same cores.
    const connection = await (await DuckDBInstance.create(':memory:', { threads: '1' })).connect();
    const rows = (await connection.runAndReadAll(`SELECT recorded, route, count(*) AS n FROM (${query.sql}) GROUP BY ALL ORDER BY ALL`)).getRowObjectsJS();

    const plan = compilePolicy(loaded.policy);
    const counts = new Map<string, number>();
    for (const line of readFileSync(history, 'utf8').split('\n').filter((l) => l.trim() !== '')) {
      const record = JSON.parse(line) as { route: string; facts: unknown };
      const key = `${record.route} ${evaluate(plan, record.facts).route}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect(Object.fromEntries(rows.map((row) => [`${row.recorded as string} ${row.route as string}`, Number(row.n)]))).toEqual(Object.fromEntries(counts));
  });
});

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openTypedRows, rowsAsJson } from '../src/parquet-history.js';
import { plainRowSql } from '../src/parquet-screen.js';
import { duckDbWorkspace } from './duckdb.js';

// The screen is what makes a Parquet replay fast: a plain row is decided in
// SQL alone, any other row is read by parseRecord. These rows say which is which.
const workspace = duckDbWorkspace('oversight-screen-');

const base = { at: '2026-10-03T12:00:00Z', policy: { name: 'refunds', version: 3 }, route: 'auto' };
const ROWS: [string, Record<string, unknown>, boolean][] = [
  ['a settled record with typed facts', { decisionId: 'd-1', ...base, facts: { amount: 12.5, tier: 'gold', tags: ['vip'] }, outcome: { decision: 'approved', reviewer: 'lead', turnaroundSeconds: 40 } }, true],
  ['a record with no outcome (a NULL struct)', { decisionId: 'd-2', ...base, facts: { amount: 3 } }, true],
  ['a record whose facts hold NaN, which JSON cannot', { decisionId: 'd-3', ...base, facts: { amount: Number.NaN } }, false],
  ['a record with an empty decisionId', { decisionId: '', ...base, facts: { amount: 1 } }, false],
  ['a record with a route outside the five', { decisionId: 'd-5', ...base, route: 'maybe', facts: { amount: 1 } }, false],
  ['a log event', { event: 'approval', decisionId: 'd-6', at: base.at }, false],
  ['a record with a turnaround over a year', { decisionId: 'd-7', ...base, facts: { amount: 1 }, outcome: { decision: 'approved', turnaroundSeconds: 31_536_001 } }, false],
];

describe('the Parquet screen', () => {
  it('passes plain typed records and leaves every other row to parseRecord', async () => {
    // Typed in SQL (NaN has no JSON spelling), each row a struct of the same shape.
    const path = join(workspace.dir, 'screen.parquet');
    const source = join(workspace.dir, 'screen.jsonl');
    writeFileSync(source, ROWS.map(([, row]) => JSON.stringify(row, (_, v: unknown) => (Number.isNaN(v) ? '__nan__' : v))).join('\n') + '\n');
    await workspace.connection.run(`COPY (SELECT * REPLACE (struct_update(facts, amount := TRY_CAST(replace(CAST(facts.amount AS VARCHAR), '__nan__', 'NaN') AS DOUBLE)) AS facts)
      FROM read_json('${source}', format = 'newline_delimited', sample_size = -1, columns = {'decisionId': 'VARCHAR', 'at': 'VARCHAR', 'policy': 'STRUCT(name VARCHAR, version BIGINT)', 'route': 'VARCHAR', 'facts': 'STRUCT(amount VARCHAR, tier VARCHAR, tags VARCHAR[])', 'outcome': 'STRUCT(decision VARCHAR, reviewer VARCHAR, "turnaroundSeconds" BIGINT)', 'event': 'VARCHAR'})) TO '${path}' (FORMAT parquet)`);
    const row = await openTypedRows(workspace.connection, { format: 'parquet', files: [{ name: 'screen.parquet', path }] });
    const plain = (await workspace.connection.runAndReadAll(`SELECT ${plainRowSql(row)} AS plain FROM oversight_parquet_rows ORDER BY oversight_pos`)).getRowObjectsJS().map((r) => r.plain);
    expect(Object.fromEntries(ROWS.map(([what], i) => [what, plain[i]]))).toEqual(Object.fromEntries(ROWS.map(([what, , expected]) => [what, expected])));
    // What the rows stand for: NULL struct fields absent, typed numbers as numbers.
    const json: unknown[] = [];
    for await (const { json: text } of rowsAsJson(workspace.connection, row, 'oversight_pos <= 2')) json.push(text.ok ? (JSON.parse(text.text) as unknown) : text.reason);
    expect(json).toEqual([
      { decisionId: 'd-1', ...base, facts: { amount: 12.5, tier: 'gold', tags: ['vip'] }, outcome: { decision: 'approved', reviewer: 'lead', turnaroundSeconds: 40 } },
      { decisionId: 'd-2', ...base, facts: { amount: 3 } },
    ]);
  });
});

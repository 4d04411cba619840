// A small DuckDB harness for the tests: facts go in as data (one JSON array
// bound as a parameter), never as SQL text.
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { Policy } from '@oversight/core';
import { routeQuery, type CompileSqlOptions, type CompileSqlResult } from '../src/index.js';

export interface SqlRow {
  route: string;
  error: string | undefined;
  matched: string[];
  undecided: string[];
}

export async function openDuckDb(): Promise<DuckDBConnection> {
  // One thread: the test suites of every package run at once, and DuckDB's default (a thread a core) would fight them for the cores.
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  return instance.connect();
}

/** Every fact object through the compiled query, in order; the refusal when the policy is not compiled. */
export async function routeAll(
  connection: DuckDBConnection,
  policy: Policy,
  options: CompileSqlOptions,
  facts: readonly unknown[],
): Promise<{ ok: true; rows: SqlRow[] } | Extract<CompileSqlResult, { ok: false }>> {
  return routeLines(connection, policy, options, facts.map((f) => JSON.stringify(f)));
}

/** Every line of JSON text through the compiled query, as written: repeated keys and number spellings kept. */
export async function routeLines(
  connection: DuckDBConnection,
  policy: Policy,
  options: CompileSqlOptions,
  lines: readonly string[],
): Promise<{ ok: true; rows: SqlRow[] } | Extract<CompileSqlResult, { ok: false }>> {
  const query = routeQuery(policy, options, 'oversight_test_facts');
  if (!query.ok) return query;
  // One JSON array of texts, parsed once and split into rows: the table the compiled query reads.
  await connection.run(
    `CREATE OR REPLACE TEMP TABLE oversight_test_facts AS
     SELECT generate_subscripts(l, 1) AS i, CAST(unnest(l) AS JSON) AS facts FROM (SELECT json_extract_string(CAST($lines AS JSON), '$[*]') AS l)`,
    { lines: JSON.stringify(lines) },
  );
  const reader = await connection.runAndReadAll(`SELECT i, route, error, matched, undecided FROM (${query.sql}) ORDER BY i`);
  const rows = reader.getRowObjectsJS().map((row) => ({
    route: row.route as string,
    error: (row.error ?? undefined) as string | undefined,
    matched: row.matched as string[],
    undecided: row.undecided as string[],
  }));
  return { ok: true, rows };
}

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import nodeSqlParser from 'node-sql-parser';
import { loadPolicy, type Policy } from '@oversight/core';
import { describe, expect, it } from 'vitest';
import { policy as arbitraryPolicy, thresholdOverrides } from '../../core/test/arbitraries.js';
import { routeQuery, UNSUPPORTED } from '../src/index.js';

// Neither Spark nor Trino runs here, so their queries are held to a grammar:
// node-sql-parser's `trino` one, and its `hive` one for Spark SQL (it has no
// Spark grammar). That checks syntax only, never meaning. Where the grammar
// lacks syntax the engine has, the text is rewritten before parsing, and only
// there:
// - hive has no lambdas: `x -> body` is parsed as `body` (a call's argument);
// - hive takes a subscript of a call's result (`from_json(...)['k']`, Spark's
//   field of a struct) only as a whole select item: it is parsed as the call;
// - trino has no parametric types in CAST: `ARRAY(JSON)`, `ARRAY(VARCHAR)` and
//   `MAP(VARCHAR, JSON)` are parsed as `JSON`.
const { Parser } = nodeSqlParser;
const parser = new Parser();
const GRAMMAR = { spark: 'hive', trino: 'trino' } as const;
const REWRITE = {
  spark: (sql: string) => sql.replace(/\b[a-z_][a-z0-9_]* -> /g, '').replace(/\)\['[A-Za-z0-9_]+'\]/g, ')'),
  trino: (sql: string) => sql.replace(/\b(?:ARRAY\((?:JSON|VARCHAR)\)|MAP\(VARCHAR, JSON\))/g, 'JSON'),
};
const REFUSAL = new RegExp(`^(${UNSUPPORTED.join('|')}): `);
const POLICIES = ['support-refunds', 'sales-outreach', 'back-office-forms', 'internal-reporting'];

function load(name: string): Policy {
  const loaded = loadPolicy(readFileSync(fileURLToPath(new URL(`../../../policies/${name}.yaml`, import.meta.url)), 'utf8'), `${name}.yaml`);
  if (!loaded.ok) throw new Error(loaded.diagnostics.map((d) => d.message).join('\n'));
  return loaded.policy;
}

/** The parser's complaint, or undefined when the query parses as one SELECT. */
function grammarError(dialect: 'spark' | 'trino', sql: string): string | undefined {
  try {
    const ast = parser.astify(REWRITE[dialect](sql), { database: GRAMMAR[dialect] });
    const statements = Array.isArray(ast) ? ast : [ast];
    return statements.length === 1 && statements[0]!.type === 'select' ? undefined : `not one SELECT: ${statements.map((s) => s.type).join(', ')}`;
  } catch (error) {
    return (error as Error).message.slice(0, 300);
  }
}

describe.each(['spark', 'trino'] as const)('%s queries against a grammar', (dialect) => {
  it.each(POLICIES)('%s: compiles and parses, bound to a history table', (name) => {
    const query = routeQuery(load(name), { dialect }, 'history');
    expect(query.ok ? [] : query.diagnostics).toEqual([]);
    if (query.ok) expect(grammarError(dialect, query.sql)).toBeUndefined();
  });

  it('parses every query it compiles from random policies, and refuses the rest by a documented kind', () => {
    let parsed = 0;
    fc.assert(
      fc.property(arbitraryPolicy, fc.option(thresholdOverrides, { nil: undefined }), (policy, overrides) => {
        const query = routeQuery(policy, { dialect, ...(overrides === undefined ? {} : { thresholds: overrides }) }, 'history');
        if (!query.ok) {
          for (const diagnostic of query.diagnostics) expect(diagnostic.message).toMatch(REFUSAL);
          return;
        }
        parsed++;
        expect(grammarError(dialect, query.sql)).toBeUndefined();
      }),
      { numRuns: 120 },
    );
    // Spark compiles about 46% of random policies (it refuses list index paths): 55 of 120 on
    // average, so more than 30 is far from chance and the grammar check is not vacuous.
    expect(parsed).toBeGreaterThan(30);
  });

  it('rejects a query the grammar cannot parse, so the check can fail', () => {
    expect(grammarError(dialect, 'SELECT route FROM (SELECT FROM')).toBeDefined();
  });
});

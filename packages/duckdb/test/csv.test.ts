import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compilePolicy, loadPolicy } from '@oversight/core';
import { simulate } from '@oversight/simulator';
import { policy as arbitraryPolicy } from '../../core/test/arbitraries.js';
import { HistoryFormatError, simulateOnDuckDb, SqlRefusalError } from '../src/index.js';
import { textFactsOf } from '../src/csv-rows.js';
import { openTypedRows, rowsAsJson } from '../src/parquet-history.js';
import { duckDbWorkspace } from './duckdb.js';
import { history, historyText } from './histories.js';

// A CSV history is a row a record: dotted headers are fields of objects, an
// empty cell an absent field, a whole object or list is its JSON text. The
// DuckDB engine's report on a CSV file must be the streaming engine's on the
// records its rows stand for, with the CSV's lines (the header is line 1).
const workspace = duckDbWorkspace('oversight-csv-');

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A record's cells by dotted name: objects spread into their fields, lists as JSON text; null and {} left empty (absent). */
function cellsOf(value: Record<string, unknown>, prefix = ''): [string, string][] {
  return Object.entries(value).flatMap(([key, field]): [string, string][] => {
    const name = `${prefix}${key}`;
    if (isObject(field) && Object.keys(field).length > 0) return cellsOf(field, `${name}.`);
    if (field === null || isObject(field)) return [];
    return [[name, typeof field === 'string' ? field : JSON.stringify(field)]];
  });
}

const quoted = (cell: string) => (/[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);

/** The records as CSV, a header naming every field any of them sets (a field that is an object in one and not in another, as the object). */
function csvOf(records: readonly Record<string, unknown>[]): string {
  const rows = records.map((record) => new Map(cellsOf(record)));
  const names = [...new Set(rows.flatMap((row) => [...row.keys()]))];
  const header = names.filter((name) => !names.some((other) => other.startsWith(`${name}.`)));
  return [header, ...rows.map((row) => header.map((name) => row.get(name) ?? ''))].map((cells) => cells.map(quoted).join(',')).join('\n') + '\n';
}

let file = 0;
function writeCsv(text: string): string {
  const path = join(workspace.dir, `history-${++file}.csv`);
  writeFileSync(path, text);
  return path;
}

/** The JSON Lines text the CSV file's rows stand for, each on the CSV's line (line 1, the header's, blank). */
async function recordsOf(path: string, textFacts: ReadonlySet<string> = new Set()): Promise<string> {
  const row = await openTypedRows(workspace.connection, { format: 'csv', files: [{ name: 'history.csv', path }], textFacts });
  const lines = [''];
  for await (const { json, written } of rowsAsJson(workspace.connection, row)) lines.push(json.ok ? json.text : written);
  return lines.join('\n') + '\n';
}

const shipped = (name: string) => new URL(`../../../policies/${name}`, import.meta.url);

function supportRefundsPolicy() {
  const loaded = loadPolicy(readFileSync(shipped('support-refunds.yaml'), 'utf8'), 'support-refunds.yaml');
  if (!loaded.ok) throw new Error('policies/support-refunds.yaml does not load');
  return loaded.policy;
}

function supportRefunds() {
  const plan = compilePolicy(supportRefundsPolicy());
  return { baseline: { label: 'main', plan }, candidates: [{ label: 'autoRefundMax=100', plan, thresholds: { autoRefundMax: 100 } }] };
}

describe('CSV histories on the DuckDB engine', () => {
  it('report the shipped history as its JSON Lines, line for line', async () => {
    const jsonLines = readFileSync(shipped('history/support-refunds.history.jsonl'), 'utf8');
    const records = jsonLines.split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as Record<string, unknown>);
    const path = writeCsv(csvOf(records));
    const options = supportRefunds();
    const duckdb = await simulateOnDuckDb([{ name: 'history', path }], { ...options, connection: workspace.connection });
    // The header takes line 1: the same records a line lower.
    const streaming = await simulate([{ name: 'history', chunks: [`\n${jsonLines}`] }], options);
    expect(duckdb.history.total).toBe(records.length);
    expect(JSON.stringify(duckdb, null, 1)).toBe(JSON.stringify(streaming, null, 1));
  }, 600_000);

  it('read empty cells as absent, the record’s text fields and string facts as text, and a JSON facts column as its object', async () => {
    const policy = supportRefundsPolicy();
    const csv = [
      'decisionId,at,policy.name,policy.version,route,facts.actionType,facts.amount,facts.orderId,facts.irreversible,outcome.decision,outcome.turnaroundSeconds',
      // A numeric id is still the text it is written as; an order id of digits is text, as the policy declares it;
      // a date-time is a timestamp, written as its instant in UTC, however the export spelled it.
      '1001,2026-10-02 00:00:52,support-refunds,4,auto,store_credit,12.5,000123,false,,',
      '1002,2026-10-02T00:01:52Z,support-refunds,4,approve_before,refund,80,ORD-1891404,true,approved,30',
    ].join('\n');
    const path = writeCsv(`${csv}\n`);
    expect(await recordsOf(path, textFactsOf([policy.spec.facts]))).toBe(
      [
        '',
        '{"decisionId":"1001","at":"2026-10-02T00:00:52.000000Z","policy":{"name":"support-refunds","version":4},"route":"auto","facts":{"actionType":"store_credit","amount":12.5,"orderId":"000123","irreversible":false}}',
        '{"decisionId":"1002","at":"2026-10-02T00:01:52.000000Z","policy":{"name":"support-refunds","version":4},"route":"approve_before","facts":{"actionType":"refund","amount":80,"orderId":"ORD-1891404","irreversible":true},"outcome":{"decision":"approved","turnaroundSeconds":30}}',
        '',
      ].join('\n'),
    );
    const whole = writeCsv('decisionId,at,policy.name,policy.version,route,facts,rules\nd-1,2026-10-02T00:00:52Z,support-refunds,4,auto,"{""amount"": 12.5, ""tags"": [""a""]}","[""small-store-credit""]"\n');
    expect(await recordsOf(whole)).toBe('\n{"decisionId":"d-1","at":"2026-10-02T00:00:52.000000Z","policy":{"name":"support-refunds","version":4},"route":"auto","facts":{"amount":12.5,"tags":["a"]},"rules":["small-store-credit"]}\n');
  });

  it('report an invalid row with its line, and refuse a file whose columns set one field twice', async () => {
    const header = 'decisionId,at,policy.name,policy.version,route,facts.amount';
    const path = writeCsv(`${header}\nd-1,2026-10-02T00:00:52Z,support-refunds,4,auto,10\nd-2,2026-10-02T00:00:52Z,support-refunds,4,sometimes,10\n`);
    const report = await simulateOnDuckDb([{ name: 'h.csv', path }], { ...supportRefunds(), connection: workspace.connection });
    expect(report.history.invalid.count).toBe(1);
    expect(report.history.invalid.examples[0]).toMatchObject({ source: 'h.csv', line: 3 });
    expect(report.history.invalid.examples[0]!.reason).toMatch(/route/);

    const twice = writeCsv('decisionId,facts,facts.amount\nd-1,{},10\n');
    await expect(simulateOnDuckDb([{ name: 'twice.csv', path: twice }], { ...supportRefunds(), connection: workspace.connection })).rejects.toThrow(
      new HistoryFormatError("twice.csv: columns 'facts' and 'facts.amount' both set facts: keep one (a dotted name is a field of an object)"),
    );
  });

  it('gives the streaming engine’s report on the records random CSV rows stand for', async () => {
    let replayed = 0;
    const runs = 60;
    await fc.assert(
      fc.asyncProperty(arbitraryPolicy, history, async (base, lines) => {
        const plan = compilePolicy(base);
        const records = historyText(base, lines, false)
          .split('\n')
          .flatMap((line) => {
            try {
              const value: unknown = JSON.parse(line);
              return isObject(value) ? [value] : [];
            } catch {
              return [];
            }
          });
        if (records.length === 0) return;
        const path = writeCsv(csvOf(records));
        const text = await recordsOf(path, textFactsOf([base.spec.facts]));
        const options = { baseline: { label: 'baseline', plan }, candidates: [{ label: 'lower', plan, thresholds: { cap: 0.5, floor: 9 } }], examples: 3 };
        const streaming = await simulate([{ name: 'history.csv', chunks: [text] }], options);
        try {
          const duckdb = await simulateOnDuckDb([{ name: 'history.csv', path }], { ...options, connection: workspace.connection });
          replayed++;
          expect(JSON.stringify(duckdb, null, 1)).toBe(JSON.stringify(streaming, null, 1));
        } catch (error) {
          if (!(error instanceof SqlRefusalError)) throw error;
        }
      }),
      { numRuns: runs, endOnFailure: true },
    );
    expect(replayed).toBeGreaterThanOrEqual(runs * 0.5);
  }, 900_000);
});

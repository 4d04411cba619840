// A history is input from outside: lines that pass the schema must still give a
// report whose figures are true (each decision counted once) and finite.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { HistoryRecord } from '@oversight/core';
import { simulate, type SimulationReport } from '../src/index.js';
import { lines, loadRefunds, recordOf, refund, source } from './history-fixtures.js';

const plan = loadRefunds();
const options = { baseline: { label: 'baseline', plan }, candidates: [{ label: 'autoRefundMax=100', plan, thresholds: { autoRefundMax: 100 } }] };
const YEAR = 31_536_000;

const outcome = (decision: 'approved' | 'rejected', turnaroundSeconds?: number) => ({
  outcome: { decision, reviewer: 'support-lead', ...(turnaroundSeconds === undefined ? {} : { turnaroundSeconds }) },
});

// Every number anywhere in the report, with its path.
function numbers(value: unknown, path = 'report'): [string, number][] {
  if (typeof value === 'number') return [[path, value]];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, item]) => numbers(item, `${path}.${key}`));
}

describe('a history with hostile numbers', () => {
  it.each([
    ['1e400', 'outcome.turnaroundSeconds must be <= 31536000'],
    ['1.7e308', 'outcome.turnaroundSeconds must be <= 31536000'],
    ['31536001', 'outcome.turnaroundSeconds must be <= 31536000'],
    ['-1', 'outcome.turnaroundSeconds must be >= 0'],
    ['1.5', 'outcome.turnaroundSeconds must be integer'],
  ])('reports a turnaroundSeconds of %s as an invalid line, with its number and the schema message, and keeps reviewer-hours finite', async (seconds, reason) => {
    const good = recordOf(plan, refund(80), outcome('approved', 600));
    const hostile = JSON.stringify(recordOf(plan, refund(90), outcome('approved', 1))).replace('"turnaroundSeconds":1', `"turnaroundSeconds":${seconds}`);
    const report = await simulate(source(lines([good, hostile])), options);
    expect(report.history.invalid).toEqual({ count: 1, examples: [{ source: 'history.jsonl', line: 2, reason }] });
    expect(report.baseline.reviewerHours).toBe(600 / 3600);
    expect(report.verdict.breaches.map((breach) => breach.budget)).toEqual(['allow-invalid']);
  });

  it.each([
    ['0', 'policy.version must be >= 1'],
    ['1e400', 'policy.version must be <= 9007199254740991'],
    ['2.5', 'policy.version must be integer'],
  ])('reports a policy.version of %s as an invalid line', async (version, reason) => {
    const hostile = JSON.stringify(recordOf(plan, refund(20))).replace(/"version":\d+/, `"version":${version}`);
    const report = await simulate(source(lines([hostile])), options);
    expect(report.history.invalid.examples).toEqual([{ source: 'history.jsonl', line: 1, reason }]);
  });

  it('reports a decisionId longer than 256 characters as an invalid line: the ids a replay remembers are bounded', async () => {
    const report = await simulate(source(lines([recordOf(plan, refund(20), { decisionId: 'd'.repeat(257) })])), options);
    expect(report.history.invalid.examples).toEqual([{ source: 'history.jsonl', line: 1, reason: 'decisionId must NOT have more than 256 characters' }]);
  });

  it('adds up a year of turnaround on every record exactly', async () => {
    const records = Array.from({ length: 500 }, (_, i) => recordOf(plan, refund(60 + (i % 30)), outcome('approved', YEAR)));
    const report = await simulate(source(lines(records), 'history.jsonl', 4096), options);
    expect(report.baseline.reviewerHours).toBe((500 * YEAR) / 3600);
    expect(report.comparisons[0]!.reviewDelta.hours).toBe(-report.baseline.reviewerHours!);
  });

  it('keeps every number in the report finite, or null where it cannot be known, whatever schema-valid records it replays', async () => {
    const seconds = fc.option(fc.oneof(fc.constantFrom(0, 1, YEAR), fc.integer({ min: 0, max: YEAR })), { nil: undefined });
    const record = fc
      .record({
        amount: fc.integer({ min: 1, max: 3000 }),
        decision: fc.option(fc.constantFrom('approved', 'rejected', 'edited', 'escalated', 'expired'), { nil: undefined }),
        reviewer: fc.option(fc.constantFrom('support-lead', 'qa', 'fraud-analyst'), { nil: undefined }),
        seconds,
        audit: fc.boolean(),
        error: fc.option(fc.boolean(), { nil: undefined }),
        id: fc.nat(30),
        other: fc.boolean(),
      })
      .map(({ amount, decision, reviewer, seconds: turnaroundSeconds, audit, error, id, other }) => {
        const extra: Partial<HistoryRecord> = { decisionId: `d-${id}`, audit, ...(error === undefined ? {} : { downstream: { error } }) };
        if (decision !== undefined) extra.outcome = { decision, ...(reviewer === undefined ? {} : { reviewer }), ...(turnaroundSeconds === undefined ? {} : { turnaroundSeconds }) };
        if (other) extra.policy = { name: 'sales-outreach', version: 9_007_199_254_740_991 };
        return recordOf(plan, refund(amount), extra);
      });
    await fc.assert(
      fc.asyncProperty(fc.array(record, { maxLength: 40 }), async (records) => {
        const report: SimulationReport = await simulate(source(lines(records), 'history.jsonl', 512), options);
        const bad = numbers(report).filter(([, value]) => !Number.isFinite(value));
        expect(bad).toEqual([]);
        const { history } = report;
        expect(history.total).toBe(history.replayed + Object.values(history.otherPolicies).reduce((sum, n) => sum + n, 0) + history.invalid.count + history.duplicates.count);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('a history that repeats a decisionId', () => {
  const first = recordOf(plan, refund(60), outcome('approved', 600));
  const escape = recordOf(plan, refund(80), outcome('rejected', 1200));
  const other = recordOf(plan, refund(75), outcome('approved', 300));

  // The report of a history without what repeated lines change: lines read, the duplicate list and its warning.
  // The repeats come last, so every other line keeps its number.
  const figures = (report: SimulationReport) => ({ ...report, history: { ...report.history, total: 0, duplicates: undefined }, verdict: { ...report.verdict, warnings: [] } });

  it('counts each decision once, at its first line, and lists the later lines with the line read first (one file)', async () => {
    // The repeat of `first` says a person rejected it: only the first line counts.
    const relabelled = { ...first, outcome: { decision: 'rejected' as const, reviewer: 'support-lead', turnaroundSeconds: 60 } };
    const report = await simulate(source(lines([first, escape, other, escape, relabelled])), options);
    expect(report.history.duplicates).toEqual({
      count: 2,
      examples: [
        { source: 'history.jsonl', line: 4, decisionId: escape.decisionId, first: { source: 'history.jsonl', line: 2 } },
        { source: 'history.jsonl', line: 5, decisionId: first.decisionId, first: { source: 'history.jsonl', line: 1 } },
      ],
    });
    expect(report.history).toMatchObject({ total: 5, replayed: 3 });
    expect(report.comparisons[0]!.escapes.count).toBe(1);
    expect(report.comparisons[0]!.savedReviews.count).toBe(2);
    expect(report.verdict.pass).toBe(true);
    expect(report.verdict.warnings).toEqual([
      '2 history line(s) repeat the decisionId of an earlier line (the first at history.jsonl:4, first read at history.jsonl:2): each decision is counted once, at its first line',
    ]);
    const once = await simulate(source(lines([first, escape, other])), options);
    expect(figures(report)).toEqual(figures(once));
  });

  it('counts each decision once across two history files, the first file read first', async () => {
    const files = [
      { name: 'a.jsonl', chunks: [lines([first, escape])] },
      { name: 'b.jsonl', chunks: [lines([other, escape, first])] },
    ];
    const report = await simulate(files, options);
    expect(report.history.duplicates).toEqual({
      count: 2,
      examples: [
        { source: 'b.jsonl', line: 2, decisionId: escape.decisionId, first: { source: 'a.jsonl', line: 2 } },
        { source: 'b.jsonl', line: 3, decisionId: first.decisionId, first: { source: 'a.jsonl', line: 1 } },
      ],
    });
    expect(report.comparisons[0]!.escapes.count).toBe(1);
    const once = await simulate([{ name: 'a.jsonl', chunks: [lines([first, escape])] }, { name: 'b.jsonl', chunks: [lines([other])] }], options);
    expect(figures(report)).toEqual(figures(once));
  });

  it('lists at most --examples duplicates and counts them all, and warns with none listed', async () => {
    const report = await simulate(source(lines(Array.from({ length: 8 }, () => escape))), { ...options, examples: 3 });
    expect(report.history.duplicates.count).toBe(7);
    expect(report.history.duplicates.examples.map((duplicate) => duplicate.line)).toEqual([2, 3, 4]);
    const none = await simulate(source(lines([escape, escape])), { ...options, examples: 0 });
    expect(none.history.duplicates).toEqual({ count: 1, examples: [] });
    expect(none.verdict.warnings).toEqual(['1 history line(s) repeat the decisionId of an earlier line: each decision is counted once, at its first line']);
  });

  it('ignores the decisionId of a line that is not a valid record: it names no decision', async () => {
    const broken = JSON.stringify({ ...escape, route: 'approve' });
    const report = await simulate(source(lines([broken, escape])), options);
    expect(report.history).toMatchObject({ replayed: 1, invalid: { count: 1 }, duplicates: { count: 0 } });
  });
});

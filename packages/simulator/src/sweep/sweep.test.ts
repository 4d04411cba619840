import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lines, loadRefunds, recordOf, refund, source } from '../../test/history-fixtures.js';
import { parseSweepRange, sweepPoints } from './sweep-grid.js';
import { sweep } from './sweep.js';

const plan = loadRefunds();

function points(...ranges: string[]) {
  const parsed = ranges.map(parseSweepRange).map((range) => (range.ok ? range.value : expect.unreachable(range.message)));
  return { vary: parsed, result: sweepPoints(plan, parsed) };
}

describe('sweep grid', () => {
  it('steps from..to inclusive without floating-point drift, over the product of the ranges', () => {
    const { result } = points('minConfidence=0.8:0.83:0.01', 'autoRefundMax=50:100:50');
    expect(result).toEqual({
      ok: true,
      value: [0.8, 0.81, 0.82, 0.83].flatMap((minConfidence) => [50, 100].map((autoRefundMax) => ({ minConfidence, autoRefundMax }))),
    });
  });

  it('refuses a threshold the policy does not declare, a range outside its min..max, and a malformed range', () => {
    expect(points('autoRefundMx=0:100:10').result).toEqual({ ok: false, message: expect.stringMatching(/has no threshold 'autoRefundMx' \(it has: autoRefundMax, /) as unknown });
    expect(points('autoRefundMax=0:500:25').result).toEqual({ ok: false, message: "threshold 'autoRefundMax' must stay within 0..200, the range asks for 0..500" });
    expect(parseSweepRange('autoRefundMax=0:100')).toEqual({ ok: false, message: expect.stringMatching(/expected name=from:to:step/) as unknown });
    expect(parseSweepRange('autoRefundMax=100:0:10')).toEqual({ ok: false, message: expect.stringMatching(/runs backwards/) as unknown });
    expect(parseSweepRange('autoRefundMax=0:100:0')).toEqual({ ok: false, message: expect.stringMatching(/step .* must be above 0/) as unknown });
  });
});

describe('sweep', () => {
  const outcome = fc.constantFrom('approved', 'rejected', 'edited', 'expired');
  const history = fc.array(
    fc.record({ amount: fc.integer({ min: 1, max: 400 }), confidence: fc.constantFrom(0.85, 0.9, 0.95, 0.99), decision: outcome }).map(({ amount, confidence, decision }) => {
      const record = recordOf(plan, refund(amount, confidence));
      return record.route === 'auto' ? record : { ...record, outcome: { decision, reviewer: 'support-lead', turnaroundSeconds: 600 } };
    }),
    { minLength: 1, maxLength: 60 },
  );

  it('never automates fewer records, nor sends more to a person, as autoRefundMax rises (the policy makes it monotone)', async () => {
    const { vary, result } = points('autoRefundMax=0:200:20');
    if (!result.ok) throw new Error(result.message);
    await fc.assert(
      fc.asyncProperty(history, async (records) => {
        const report = await sweep(source(lines(records), 'h.jsonl', 64), { label: 'refunds', plan, vary, points: result.value });
        for (let i = 1; i < report.points.length; i++) {
          expect(report.points[i]!.automated).toBeGreaterThanOrEqual(report.points[i - 1]!.automated);
          expect(report.points[i]!.reviews).toBeLessThanOrEqual(report.points[i - 1]!.reviews);
          expect(report.points[i]!.automatedErrors).toBeGreaterThanOrEqual(report.points[i - 1]!.automatedErrors);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('marks the current values, and a Pareto front no point beats on both reviews and automated errors', async () => {
    const records = [
      recordOf(plan, refund(40)),
      ...[60, 70, 120].map((amount) => ({ ...recordOf(plan, refund(amount)), outcome: { decision: 'approved' as const, reviewer: 'support-lead', turnaroundSeconds: 600 } })),
      { ...recordOf(plan, refund(90)), outcome: { decision: 'rejected' as const, reviewer: 'support-lead', turnaroundSeconds: 600 } },
    ];
    const { vary, result } = points('autoRefundMax=25:150:25');
    if (!result.ok) throw new Error(result.message);
    const report = await sweep(source(lines(records)), { label: 'refunds', plan, vary, points: result.value });
    const table = report.points.map((point) => [point.thresholds.autoRefundMax, point.reviews, point.automatedErrors, point.escapes, point.pareto, point.current]);
    expect(table).toEqual([
      [25, 5, 0, 0, false, false],
      [50, 4, 0, 0, false, true],
      [75, 2, 0, 0, true, false],
      [100, 1, 1, 1, false, false],
      [125, 0, 1, 1, true, false],
      [150, 0, 1, 1, true, false],
    ]);
  });
});

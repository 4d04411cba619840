import { describe, expect, it } from 'vitest';
import { simulate, type SimulationReport } from '../src/index.js';
import { lines, loadRefunds, recordOf, refund, source } from './history-fixtures.js';

const plan = loadRefunds();
const baseline = { label: 'policies/support-refunds.yaml', plan };
const raised = { label: 'autoRefundMax=100', plan, thresholds: { autoRefundMax: 100 } };

const approved = (seconds = 600) => ({ outcome: { decision: 'approved' as const, reviewer: 'support-lead', turnaroundSeconds: seconds } });
const rejected = { outcome: { decision: 'rejected' as const, reviewer: 'support-lead', reason: 'damage photo is of another item', turnaroundSeconds: 1200 } };
const edited = { outcome: { decision: 'edited' as const, reviewer: 'support-lead', reason: 'amount corrected to the item price', turnaroundSeconds: 900 } };
const expired = { outcome: { decision: 'expired' as const, reviewer: 'support-lead' } };

// A small history: automatic refunds, refunds between 50 and 100 that a lead
// approved, rejected, edited or let expire, and larger ones.
const history = [
  recordOf(plan, refund(20)),
  recordOf(plan, refund(35, 0.97)),
  recordOf(plan, refund(60), approved(600)),
  recordOf(plan, refund(75), approved(1800)),
  recordOf(plan, refund(80), rejected),
  recordOf(plan, refund(90), edited),
  recordOf(plan, refund(95), expired),
  recordOf(plan, refund(99, 0.95, { reasonCode: 'goodwill' }), approved(300)),
  recordOf(plan, refund(150), approved(2400)),
  recordOf(plan, refund(800), { outcome: { decision: 'approved', reviewer: 'support-manager', turnaroundSeconds: 7200 } }),
  recordOf(plan, refund(30, 0.95, { recentClaims: 5 }), { outcome: { decision: 'rejected', reviewer: 'fraud-analyst', turnaroundSeconds: 3600 } }),
];

async function run(text: string, options: Partial<Parameters<typeof simulate>[1]> = {}): Promise<SimulationReport> {
  return simulate(source(text), { baseline, candidates: [raised], ...options });
}

describe('simulate', () => {
  it('reproduces every route of a history the baseline produced, and an identical candidate changes nothing', async () => {
    const report = await simulate(source(lines(history)), { baseline, candidates: [{ label: 'same', plan }] });
    expect(report.fidelity).toMatchObject({ reproduced: history.length, of: history.length, rate: 1, mismatches: [] });
    const [same] = report.comparisons;
    expect(same!.routeChanges.changed).toBe(0);
    expect(same!.escapes.count).toBe(0);
    expect(same!.savedReviews.count).toBe(0);
    expect(same!.newlyAutomated).toBe(0);
    expect(same!.candidate.routes).toEqual(report.baseline.routes);
    expect(report.verdict).toEqual({ pass: true, checked: ['allow-invalid 0', 'records 1'], breaches: [], warnings: [] });
  });

  it('counts what raising autoRefundMax to 100 automates: approvals saved, rejections and edits escaped, expiries unlabeled', async () => {
    const report = await run(lines(history));
    const [candidate] = report.comparisons;
    // 60, 75, 80, 90, 95 move from approve_before to auto; the goodwill refund and 150 do not.
    expect(candidate!.newlyAutomated).toBe(5);
    expect(candidate!.routeChanges.matrix[2]![0]).toBe(5);
    expect(candidate!.savedReviews.count).toBe(2);
    expect(candidate!.escapes.count).toBe(2);
    expect(candidate!.escapes.examples.map((example) => [example.line, example.outcome, example.rule])).toEqual([
      [5, 'rejected', 'small-confident-refund'],
      [6, 'edited', 'small-confident-refund'],
    ]);
    expect(candidate!.escapes.rate).toBeCloseTo(2 / history.length);
    expect(candidate!.unlabeled.newlyAutomatedUnlabeled).toBe(1);
    expect(candidate!.reviewDelta.reviews).toBe(-5);
    expect(report.baseline.ruleHits['refund-needs-approval']).toBe(8);
    expect(candidate!.candidate.ruleHits['refund-needs-approval']).toBe(2);
  });

  it('prices reviews with the recorded turnaround, and with the role median where a record has none', async () => {
    const report = await run(lines(history));
    const lead = report.baseline.reviewerLoad.find((load) => load.role === 'support-lead')!;
    // Recorded support-lead turnarounds: 600, 1800, 1200, 900, 300, 2400 → median 900 for the expired one.
    expect(lead.reviews).toBe(7);
    expect(lead.byRoute.approve_before).toBe(7);
    expect(lead.estimatedFromMedian).toBe(1);
    expect(lead.hours! * 3600).toBeGreaterThan(7200 + 900 * 0.99);
    expect(lead.hours! * 3600).toBeLessThan(7200 + 900 * 1.01);
    expect(report.baseline.reviewerLoad.map((load) => load.role)).toEqual(['support-lead', 'fraud-analyst', 'support-manager']);
  });

  it('reports a corrupt line with its line number and reason, replays every other line, and fails unless allowed', async () => {
    const text = lines([
      history[0]!,
      '{"decisionId":"d-9","at":"2026-10-03T12:00:00Z","policy":{"name":"support-refunds","version":3},"facts":{"amount":',
      { ...history[2]!, route: 'approve' as never },
      { ...history[3]!, policy: { name: 'support-refunds', version: 'three' as never } },
      history[4]!,
    ]);
    const report = await run(text);
    expect(report.history.total).toBe(5);
    expect(report.history.replayed).toBe(2);
    expect(report.history.invalid.count).toBe(3);
    expect(report.history.invalid.examples.map(({ line, reason }) => `${line}: ${reason}`)).toEqual([
      expect.stringMatching(/^2: not valid JSON/),
      '3: route must be equal to one of the allowed values: auto, review_after, approve_before, escalate, deny',
      '4: policy.version must be integer',
    ]);
    expect(report.fidelity.of).toBe(2);
    expect(report.verdict.pass).toBe(false);
    expect(report.verdict.breaches[0]).toMatchObject({ budget: 'allow-invalid', limit: '0', actual: '3' });
    const allowed = await run(text, { budgets: { allowInvalid: 3 } });
    expect(allowed.verdict.pass).toBe(true);
  });

  it('reports a line too long to be a record (a file without newlines) without holding it, and replays the rest', async () => {
    const text = lines([history[0]!, 'x'.repeat(3 << 20), history[1]!]);
    const report = await run(text);
    expect(report.history).toMatchObject({ total: 3, replayed: 2, invalid: { count: 1 } });
    expect(report.history.invalid.examples[0]).toMatchObject({ line: 2, reason: expect.stringMatching(/^a line of 3,145,728 characters, longer than any history record can be/) as unknown });
  });

  it('counts records of other policies apart, without replaying them', async () => {
    const other = (decisionId: string) => ({ ...history[0]!, decisionId, policy: { name: 'sales-outreach', version: 2 } });
    const report = await run(lines([history[0]!, other('so-1'), other('so-2')]));
    expect(report.history.otherPolicies).toEqual({ 'sales-outreach': 2 });
    expect(report.history.replayed).toBe(1);
  });

  it('says loudly when the baseline does not reproduce history, naming the records that differ', async () => {
    const drifted = loadRefunds((policy) => (policy.spec.thresholds!.autoRefundMax!.value = 10));
    const report = await simulate(source(lines(history)), { baseline: { label: 'drifted', plan: drifted }, candidates: [], budgets: { minFidelityPct: 95 } });
    expect(report.fidelity.reproduced).toBe(history.length - 2);
    expect(report.fidelity.mismatches.map((mismatch) => [mismatch.line, mismatch.recorded.route, mismatch.replayed.route, mismatch.replayed.rules])).toEqual([
      [1, 'auto', 'approve_before', ['refund-needs-approval']],
      [2, 'auto', 'approve_before', ['refund-needs-approval']],
    ]);
    expect(report.verdict.warnings[0]).toMatch(/reproduces only 81.82% of recorded routes .* every other figure is suspect/);
    expect(report.verdict.breaches).toEqual([expect.objectContaining({ budget: 'min-fidelity', limit: '95%', actual: '81.82%' })]);
  });

  it('fails a history with no record of the baseline policy: nothing replayed is not a pass', async () => {
    const report = await run(lines([{ ...history[0]!, policy: { name: 'sales-outreach', version: 2 } }]));
    expect(report.verdict.pass).toBe(false);
    expect(report.verdict.breaches[0]!.message).toMatch(/no records of policy 'support-refunds'/);
  });

  it('holds candidates to their budgets, naming the budget and the figure', async () => {
    const report = await run(lines(history), { budgets: { maxEscapes: { count: 1 }, maxReviewIncreasePct: 0 } });
    expect(report.verdict.breaches).toEqual([expect.objectContaining({ candidate: 'autoRefundMax=100', budget: 'max-escapes', limit: '1', actual: '2' })]);
    const lowered = { label: 'autoRefundMax=20', plan, thresholds: { autoRefundMax: 20 } };
    const stricter = await simulate(source(lines(history)), { baseline, candidates: [lowered], budgets: { maxReviewIncreasePct: 10 } });
    expect(stricter.verdict.breaches).toEqual([expect.objectContaining({ budget: 'max-review-increase', limit: '10%', actual: '11.11%', message: 'human reviews rise by 11.11% (9 → 10; budget: 10%)' })]);
  });

  it('estimates errors among newly automated unlabeled records from the QA-sampled automatic ones', async () => {
    const audited = (bad: boolean) => ({ ...recordOf(plan, refund(10)), audit: true, outcome: { decision: bad ? ('edited' as const) : ('approved' as const), reviewer: 'qa' } });
    const qa = [audited(true), ...Array.from({ length: 9 }, () => audited(false))];
    const report = await run(lines([...history, ...qa]));
    expect(report.qaSample).toMatchObject({ count: 1, of: 10, rate: 0.1 });
    const [low, high] = report.qaSample.interval!;
    expect(low).toBeCloseTo(0.0179, 3);
    expect(high).toBeCloseTo(0.4042, 3);
    expect(report.comparisons[0]!.unlabeled.expectedErrors).toEqual([low, high]);
  });
});

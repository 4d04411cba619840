import { readFileSync } from 'node:fs';
import { compilePolicy, evaluate, loadPolicy, type CompiledPolicy, type HistoryRecord, type Route } from '@oversight/core';
import { describe, expect, it } from 'vitest';
import { proportion } from '../metrics/wilson.js';
import { simulate } from '../simulate.js';
import { thresholdGrid } from './suggest-grid.js';
import { suggestThresholds, type SuggestOptions } from './suggest-thresholds.js';
import type { SuggestionReport } from './suggest-types.js';

const ROOT = new URL('../../../../', import.meta.url);
const SHIPPED = ['support-refunds', 'back-office-forms', 'internal-reporting', 'sales-outreach'] as const;

function loadText(text: string, file: string): CompiledPolicy {
  const loaded = loadPolicy(text, file);
  if (!loaded.ok) throw new Error(loaded.diagnostics.map((d) => d.message).join('\n'));
  return compilePolicy(loaded.policy);
}

function shipped(name: string): { plan: CompiledPolicy; historyFile: string; text: string } {
  const file = `policies/${name}.yaml`;
  const historyFile = `policies/history/${name}.history.jsonl`;
  return {
    plan: loadText(readFileSync(new URL(file, ROOT), 'utf8'), file),
    historyFile,
    text: readFileSync(new URL(historyFile, ROOT), 'utf8'),
  };
}

const sourceOf = (name: string, text: string) => [{ name, chunks: [text] }];

// What the suggestion's safety rule forbids, decided here with core's evaluate, not the replay.
const PERSON_FIRST: readonly Route[] = ['approve_before', 'escalate', 'deny'];
const RUNS_ALONE: readonly Route[] = ['auto', 'review_after'];

function irreversibleReleased(plan: CompiledPolicy, text: string, thresholds: Record<string, number>): string[] {
  const released: string[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const record = JSON.parse(line) as HistoryRecord;
    if (record.policy.name !== plan.name || record.facts.irreversible !== true) continue;
    const before = evaluate(plan, record.facts).route;
    const after = evaluate(plan, record.facts, { thresholds }).route;
    if (PERSON_FIRST.includes(before) && RUNS_ALONE.includes(after)) released.push(record.decisionId);
  }
  return released;
}

/** Every loosening, simulated on its own at the suggested value, keeps its escapes' Wilson upper bound within the budget. */
async function expectLooseningsWithinBudget(report: SuggestionReport, plan: CompiledPolicy, name: string, text: string): Promise<void> {
  for (const suggestion of report.suggestions.filter((s) => s.direction === 'loosen')) {
    const simulated = await simulate(sourceOf(name, text), {
      baseline: { label: 'as written', plan },
      candidates: [{ label: 'suggested', plan, thresholds: { [suggestion.threshold]: suggestion.to } }],
    });
    const escapes = simulated.comparisons[0]!.escapes.count;
    expect(escapes).toBe(suggestion.escapes.count);
    const upper = proportion(escapes, simulated.history.replayed).interval![1];
    expect(upper).toBeLessThanOrEqual(report.budget.maxEscapeRate);
  }
}

describe('suggestThresholds on the shipped histories', () => {
  const reports = new Map<string, Promise<SuggestionReport>>();
  const reportFor = (name: string) => {
    let report = reports.get(name);
    if (report === undefined) {
      const { plan, historyFile, text } = shipped(name);
      report = suggestThresholds(sourceOf(historyFile, text), { policy: { label: name, plan } });
      reports.set(name, report);
    }
    return report;
  };

  it.each(SHIPPED)('%s: replays every record, and every loosening keeps escapes within budget when simulated alone', async (name) => {
    const { plan, historyFile, text } = shipped(name);
    const report = await reportFor(name);
    expect(report.history.replayed).toBeGreaterThan(0);
    expect(report.history.fidelity.rate).toBe(1);
    expect(report.thresholds.map((search) => search.threshold)).toEqual(plan.thresholdNames);
    await expectLooseningsWithinBudget(report, plan, historyFile, text);
  });

  it.each(SHIPPED)('%s: no suggestion lets an irreversible record run before a person looks (checked with evaluate)', async (name) => {
    const { plan, text } = shipped(name);
    const report = await reportFor(name);
    for (const suggestion of report.suggestions) {
      expect(irreversibleReleased(plan, text, { [suggestion.threshold]: suggestion.to }), `${suggestion.threshold} → ${suggestion.to}`).toEqual([]);
    }
    // And what it refused for irreversibility does release some, as many as it says.
    for (const move of report.refused.filter((m) => m.cause === 'irreversible')) {
      expect(irreversibleReleased(plan, text, { [move.threshold]: move.to })).toHaveLength(move.irreversible!.count);
    }
  });

  it('support-refunds: refuses raising autoRefundMax (small-confident-refund is exempt from the irreversible gate), and does not suggest reviewing more of the same', async () => {
    const report = await reportFor('support-refunds');
    const raise = report.refused.find((move) => move.threshold === 'autoRefundMax' && move.to > 50);
    expect(raise).toMatchObject({ direction: 'loosen', cause: 'irreversible', from: 50, to: 60 });
    expect(raise!.irreversible!.count).toBeGreaterThan(0);
    expect(raise!.irreversible!.examples[0]).toMatchObject({ baselineRoute: 'approve_before', candidateRoute: 'auto' });
    expect(raise!.reason).toMatch(/Raising autoRefundMax from 50 to 60 would let \d+ irreversible record\(s\)/);
    expect(report.suggestions.filter((s) => s.threshold === 'autoRefundMax' && s.to > 50)).toEqual([]);
    expect(report.thresholds.find((search) => search.threshold === 'autoRefundMax')!.loosening).toBe('up');

    // Lowering it would review more refunds, but ones no riskier than automatic refunds on the whole: not suggested.
    expect(report.suggestions.filter((s) => s.threshold === 'autoRefundMax')).toEqual([]);
    expect(report.thresholds.find((search) => search.threshold === 'autoRefundMax')!.outcome).toContain('no riskier than automatic ones on the whole');
  });
});

const CREDITS = (exempt: boolean) => `
apiVersion: oversight/v1
kind: RoutingPolicy
metadata: { name: credits, version: 1, owner: support }
spec:
  strategy: most-restrictive
  default: approve_before
  onError: escalate
  reviewer: lead
  facts:
    amount: { type: number, minimum: 0 }
    irreversible: { type: boolean }
  thresholds:
    autoMax: { value: 20, min: 0, max: 100 }
  reviewers:
    lead: { sla: 4h }
  rules:
    - id: small-credit
      when: { fact: amount, operator: lessThanInclusive, value: { threshold: autoMax } }
      route: auto
${exempt ? '      exempt: [irreversible]\n      justification: test\n' : ''}`;

interface Synthetic {
  amounts: number[];
  irreversible?: boolean;
  /** What a person did with a reviewed record; undefined: nothing recorded. */
  verdict?: (amount: number, i: number) => 'approved' | 'rejected' | undefined;
  /** An automatic record found wrong later. */
  failed?: (amount: number, i: number) => boolean;
}

function history(plan: CompiledPolicy, { amounts, irreversible = false, verdict = () => 'approved', failed = () => false }: Synthetic): string {
  return amounts
    .map((amount, i) => {
      const facts = { amount, irreversible };
      const route = evaluate(plan, facts).route;
      const decision = route === 'auto' ? undefined : verdict(amount, i);
      const record: HistoryRecord = {
        decisionId: `c-${String(i).padStart(6, '0')}`,
        at: '2026-10-03T12:00:00Z',
        policy: { name: plan.name, version: plan.version, hash: plan.hash },
        facts,
        route,
        ...(decision === undefined ? {} : { outcome: { decision, reviewer: 'lead', turnaroundSeconds: 600 } }),
        ...(route === 'auto' && failed(amount, i) ? { downstream: { error: true } } : {}),
      };
      return JSON.stringify(record);
    })
    .join('\n');
}

/** 1..max, each `times` times. */
const spread = (max: number, times: number) => Array.from({ length: max * times }, (_, i) => (i % max) + 1);

async function suggestOn(plan: CompiledPolicy, text: string, options: Partial<SuggestOptions> = {}) {
  return suggestThresholds(sourceOf('credits.jsonl', text), { policy: plan, steps: 10, ...options });
}

describe('suggestThresholds on a synthetic history', () => {
  const plan = loadText(CREDITS(false), 'credits.yaml');

  it('suggests the largest safe grid point and not the next, which breaks the budget', async () => {
    // 2,000 records: every reviewed one approved, except half of those from 61 to 70.
    const text = history(plan, { amounts: spread(100, 20), verdict: (amount, i) => (amount > 60 && amount <= 70 && i % 2 === 0 ? 'rejected' : 'approved') });
    const report = await suggestOn(plan, text);
    expect(report.thresholds[0]).toMatchObject({ threshold: 'autoMax', loosening: 'up', grid: [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100] });
    const loosenings = report.suggestions.filter((s) => s.direction === 'loosen');
    expect(loosenings).toHaveLength(1);
    const suggestion = loosenings[0]!;
    expect(suggestion).toMatchObject({
      threshold: 'autoMax',
      from: 20,
      to: 60,
      evidence: { replayed: 2000, changed: 800, changedLabelled: 800, newlyAutomated: 800 },
      escapes: { count: 0, rate: 0 },
      reviews: { from: 1600, to: 800, saved: 800 },
      reviewerHoursSaved: expect.closeTo((800 * 600) / 3600, 2) as unknown,
    });
    expect(suggestion.escapes.upper95).toBeLessThanOrEqual(0.005);
    expect(suggestion.reason).toMatch(/^Raising autoMax from 20 to 60 runs 800 more replayed record\(s\) automatically and saves 800 review\(s\)/);
    expect(report.refused).toEqual([expect.objectContaining({ threshold: 'autoMax', from: 20, to: 70, direction: 'loosen', cause: 'escape-budget' })]);
    expect(report.refused[0]!.escapes.upper95).toBeGreaterThan(0.005);
    await expectLooseningsWithinBudget(report, plan, 'credits.jsonl', text);

    // The next grid point, simulated, breaks the budget: "not beyond".
    const beyond = await simulate(sourceOf('credits.jsonl', text), { baseline: { label: 'as written', plan }, candidates: [{ label: '70', plan, thresholds: { autoMax: 70 } }] });
    expect(proportion(beyond.comparisons[0]!.escapes.count, 2000).interval![1]).toBeGreaterThan(0.005);
  });

  it('holds the budget at 95% confidence, not at the observed rate', async () => {
    // 400 records: a loosening with no escapes still has an upper bound of 0.95% (3.84 / 403.84).
    const text = history(plan, { amounts: spread(100, 4) });
    const report = await suggestOn(plan, text);
    expect(report.suggestions.filter((s) => s.direction === 'loosen')).toEqual([]);
    expect(report.refused).toEqual([expect.objectContaining({ to: 30, cause: 'escape-budget', escapes: { count: 0, rate: 0, upper95: expect.closeTo(3.8415 / 403.8415, 6) as unknown } })]);
    const generous = await suggestOn(plan, text, { maxEscapeRate: 0.01 });
    expect(generous.suggestions.find((s) => s.direction === 'loosen')).toMatchObject({ to: 100 });
  });

  it('stops at the last value history has evidence for', async () => {
    // Nothing above 45 in history: 50 automates all of it, and 60..100 change nothing more.
    const text = history(plan, { amounts: spread(45, 40) });
    const report = await suggestOn(plan, text);
    const suggestion = report.suggestions.find((s) => s.direction === 'loosen');
    expect(suggestion).toMatchObject({ from: 20, to: 50, evidence: { newlyAutomated: 25 * 40 } });
    expect(suggestion!.reason).toMatch(/Values beyond 50 \(up to 100\) change no further replayed record/);
    expect(report.refused).toEqual([]);
  });

  it('refuses a loosening that lets an irreversible action run alone, however safe the escapes', async () => {
    const exempt = loadText(CREDITS(true), 'credits.yaml');
    const text = history(exempt, { amounts: spread(100, 20), irreversible: true });
    const report = await suggestOn(exempt, text);
    expect(report.suggestions.filter((s) => s.direction === 'loosen')).toEqual([]);
    expect(report.refused).toEqual([
      expect.objectContaining({ threshold: 'autoMax', from: 20, to: 30, cause: 'irreversible', irreversible: { count: 200, examples: expect.any(Array) as unknown } }),
    ]);
    expect(report.refused[0]!.reason).toMatch(/would let 200 irreversible record\(s\) .* \(the first: c-000020 at credits\.jsonl:21, approve_before → auto\)/);

    // Without the exemption the gate holds them for approval: nothing changes, nothing is suggested.
    const gated = await suggestOn(plan, history(plan, { amounts: spread(100, 20), irreversible: true }));
    expect(gated.suggestions).toEqual([]);
    expect(gated.refused).toEqual([]);
    expect(gated.thresholds[0]).toMatchObject({ loosening: null, outcome: 'no value in 0..100 changes which replayed records run automatically' });
  });

  it('suggests the tightening that catches the most errors per added review, by the lower bound', async () => {
    // 1,000 automatic records under 20: those from 16 to 20 often fail downstream, those up to 10 never do.
    const text = history(plan, { amounts: spread(20, 50), failed: (amount, i) => amount > 15 && i % 3 === 0 });
    const report = await suggestOn(plan, text);
    const errors = spread(20, 50).filter((amount, i) => amount > 15 && i % 3 === 0).length;
    const tightening = report.suggestions.find((s) => s.direction === 'tighten');
    expect(tightening).toMatchObject({ threshold: 'autoMax', from: 20, to: 10, reviews: { saved: -500 }, caught: { errors, addedReviews: 500 }, escapes: { count: 0 } });
    expect(tightening!.caught!.interval[0]).toBeGreaterThan(0);
    expect(tightening!.reason).toMatch(/^Lowering autoMax from 20 to 10 sends 500 more replayed record\(s\) to a person/);
    // Reviews added where nothing was found wrong are no tightening at all.
    const clean = await suggestOn(plan, history(plan, { amounts: spread(20, 50) }));
    expect(clean.suggestions.filter((s) => s.direction === 'tighten')).toEqual([]);
  });

  it('states why reviewer-hours are unknown', async () => {
    const text = history(plan, { amounts: spread(60, 40), verdict: () => undefined }).replaceAll('"route":"approve_before"', '"route":"approve_before","outcome":{"decision":"approved"}');
    const report = await suggestOn(plan, text);
    const suggestion = report.suggestions.find((s) => s.direction === 'loosen');
    expect(suggestion).toMatchObject({ to: 60, reviewerHoursSaved: null });
    expect(suggestion!.reviewerHoursNote).toMatch(/history records no reviewer turnaround/);
  });

  it('refuses options it cannot search with', async () => {
    const text = history(plan, { amounts: [1] });
    await expect(suggestOn(plan, text, { thresholds: ['autoMx'] })).rejects.toThrow("policy 'credits' has no threshold 'autoMx' (it has: autoMax)");
    await expect(suggestOn(plan, text, { maxEscapeRate: 5 })).rejects.toThrow(/maxEscapeRate must be above 0 and below 1/);
    await expect(suggestOn(plan, text, { steps: 0 })).rejects.toThrow(/steps must be a whole number/);
    await expect(suggestThresholds(sourceOf('h', text), { policy: { label: 'x', plan, thresholds: { autoMax: 30 } } })).rejects.toThrow(/from the policy as written/);
  });
});

describe('thresholdGrid', () => {
  const refunds = shipped('support-refunds').plan;

  it('divides the declared range into equal steps, whole numbers for whole-number thresholds, the current value included', () => {
    expect(thresholdGrid(refunds, 'autoRefundMax', 20).values).toEqual(Array.from({ length: 21 }, (_, i) => i * 10));
    expect(thresholdGrid(refunds, 'minConfidence', 20).values).toEqual(Array.from({ length: 21 }, (_, i) => Number((0.5 + i * 0.025).toFixed(3))));
    expect(thresholdGrid(refunds, 'maxRecentClaims', 20).values).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(thresholdGrid(refunds, 'autoRefundMax', 3).values).toEqual([0, 50, 67, 133, 200]);
  });

  it('searches 0..2 × value when min and max are not declared', () => {
    const plan = loadText(CREDITS(false).replace('{ value: 20, min: 0, max: 100 }', '{ value: 20 }'), 'credits.yaml');
    expect(thresholdGrid(plan, 'autoMax', 4)).toMatchObject({ lowest: 0, highest: 40, derivedRange: true, values: [0, 10, 20, 30, 40] });
  });
});

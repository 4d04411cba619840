// The report's counts on the shipped sample histories (policies/history/) against
// a count written the plainest way: every line parsed, every field read by hand.
import { readFileSync } from 'node:fs';
import { compilePolicy, loadPolicy, type CompiledPolicy, type HistoryRecord } from '@oversight/core';
import { describe, expect, it } from 'vitest';
import { reviewReport, type GroupFigures, type ReviewReport } from './index.js';

const NAMES = ['support-refunds', 'sales-outreach', 'back-office-forms', 'internal-reporting'] as const;
const root = new URL('../../../../', import.meta.url);

type Outcome = 'approved' | 'rejected' | 'edited' | 'escalated' | 'expired';
interface Naive {
  records: number;
  reviews: number;
  approved: number;
  rejected: number;
  edited: number;
  escalated: number;
  expired: number;
}
type Record1 = HistoryRecord & { outcome?: { reviewerId?: string } };

function loadHistory(name: string): { text: string; policy: CompiledPolicy } {
  const text = readFileSync(new URL(`policies/history/${name}.history.jsonl`, root), 'utf8');
  const file = `policies/${name}.yaml`;
  const loaded = loadPolicy(readFileSync(new URL(file, root), 'utf8'), file);
  if (!loaded.ok) throw new Error(`${file}: ${loaded.diagnostics[0]!.message}`);
  return { text, policy: compilePolicy(loaded.policy) };
}

function naiveCounts(text: string) {
  const byRule = new Map<string, Naive>();
  const byRole = new Map<string, Naive>();
  const byRoute = new Map<string, Naive>();
  const byReviewer = new Map<string, Naive>();
  const byWeekIndex = new Map<number, number>();
  const downstream = { autoKnown: 0, autoErrors: 0, approvedKnown: 0, approvedErrors: 0, qa: 0, qaCaught: 0 };
  const bump = (map: Map<string, Naive>, key: string, outcome: Outcome | undefined) => {
    let entry = map.get(key);
    if (entry === undefined) {
      entry = { records: 0, reviews: 0, approved: 0, rejected: 0, edited: 0, escalated: 0, expired: 0 };
      map.set(key, entry);
    }
    entry.records++;
    if (outcome !== undefined) {
      entry.reviews++;
      entry[outcome]++;
    }
  };
  // 1970-01-05 was a Monday: weeks counted from it, for an ISO-week-free check of the weekly split.
  const MONDAY = Date.UTC(1970, 0, 5);
  let records = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const record = JSON.parse(line) as Record1;
    records++;
    const outcome = record.outcome?.decision;
    const rules = record.rules === undefined || record.rules.length === 0 ? ['(no rule)'] : [...new Set(record.rules)];
    for (const rule of rules) bump(byRule, rule, outcome);
    bump(byRoute, record.route, outcome);
    if (record.outcome !== undefined) {
      bump(byRole, record.outcome.reviewer ?? '(unassigned)', outcome);
      if (record.outcome.reviewerId !== undefined) bump(byReviewer, record.outcome.reviewerId, outcome);
    }
    const week = Math.floor((Date.parse(record.at) - MONDAY) / (7 * 86_400_000));
    byWeekIndex.set(week, (byWeekIndex.get(week) ?? 0) + 1);
    const error = record.downstream?.error;
    if (record.route === 'auto' && error !== undefined) {
      downstream.autoKnown++;
      if (error) downstream.autoErrors++;
    }
    if (record.route !== 'auto' && record.route !== 'deny' && outcome === 'approved' && error !== undefined) {
      downstream.approvedKnown++;
      if (error) downstream.approvedErrors++;
    }
    if (record.route === 'auto' && record.audit === true && (outcome === 'approved' || outcome === 'rejected' || outcome === 'edited')) {
      downstream.qa++;
      if (outcome !== 'approved') downstream.qaCaught++;
    }
  }
  const weeks = [...byWeekIndex].sort(([a], [b]) => a - b).map(([, count]) => count);
  return { records, byRule, byRole, byRoute, byReviewer, weeks, downstream };
}

function asNaive(groups: readonly GroupFigures[]): Map<string, Naive> {
  return new Map(
    groups
      .filter((group) => group.records > 0)
      .map((group) => [
        group.key,
        {
          records: group.records,
          reviews: group.reviews,
          approved: group.outcomes.approved.count,
          rejected: group.outcomes.rejected.count,
          edited: group.outcomes.edited.count,
          escalated: group.outcomes.escalated.count,
          expired: group.outcomes.expired.count,
        },
      ]),
  );
}

// One report per history, read in uneven chunks so lines are cut anywhere.
const histories = await Promise.all(
  NAMES.map(async (name) => {
    const { text, policy } = loadHistory(name);
    const chunks: string[] = [];
    for (let i = 0; i < text.length; i += 65_521) chunks.push(text.slice(i, i + 65_521));
    const report: ReviewReport = await reviewReport([{ name: `${name}.history.jsonl`, chunks }], { policy });
    return { name, text, policy, report };
  }),
);

describe('the review report on the shipped histories', () => {
  it.each(histories.map((history) => [history.name, history] as const))('%s: counts every line, per rule, role, route, reviewer and week, as a naive count does', (_, { text, report, policy }) => {
    const naive = naiveCounts(text);
    expect(report.history.records).toBe(naive.records);
    expect(report.history.lines).toBe(naive.records);
    expect(report.history.invalid.count).toBe(0);
    expect(report.history.policies).toEqual({ [policy.name]: naive.records });
    expect(asNaive(report.byRule)).toEqual(naive.byRule);
    expect(asNaive(report.byRole)).toEqual(naive.byRole);
    expect(asNaive(report.byRoute)).toEqual(naive.byRoute);
    expect(asNaive(report.byReviewer)).toEqual(naive.byReviewer);
    expect(report.byWeek.map((week) => week.records)).toEqual(naive.weeks);
    expect(report.trends.map((week) => week.records)).toEqual(naive.weeks);
    const d = naive.downstream;
    expect([report.downstream.auto.count, report.downstream.auto.of]).toEqual([d.autoErrors, d.autoKnown]);
    expect([report.downstream.humanApproved.count, report.downstream.humanApproved.of]).toEqual([d.approvedErrors, d.approvedKnown]);
    expect([report.downstream.qa.count, report.downstream.qa.of]).toEqual([d.qaCaught, d.qa]);
  });

  it.each(histories.map((history) => [history.name, history] as const))("%s: lists every rule and role of the policy, each role with its SLA", (_, { report, policy }) => {
    const keys = report.byRule.map((group) => group.key);
    expect(keys.slice(0, policy.rules.length)).toEqual(policy.rules.map((rule) => rule.id));
    const reviewers = policy.policy.spec.reviewers ?? {};
    for (const [role, spec] of Object.entries(reviewers)) {
      const figures = report.byRole.find((group) => group.key === role);
      expect(figures?.slaSeconds, role).toBeGreaterThan(0);
      expect(spec.sla).toMatch(/^\d+[smhdw]$/);
    }
  });

  it('puts every rejection and edit of support-refunds in a reason list, as many as the outcome counts', () => {
    const { report } = histories[0]!;
    const rejected = report.byRole.reduce((sum, group) => sum + group.outcomes.rejected.count, 0);
    const edited = report.byRole.reduce((sum, group) => sum + group.outcomes.edited.count, 0);
    expect(report.reasons.overall.rejected.total).toBe(rejected);
    expect(report.reasons.overall.edited.total).toBe(edited);
    const listed = report.reasons.overall.rejected;
    expect(listed.top.reduce((sum, reason) => sum + reason.count, 0) + listed.other + listed.withoutReason).toBe(listed.total);
  });
});

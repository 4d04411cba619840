import { ROUTES, type CompiledPolicy, type Route } from '@oversight/core';
import { histogramMedian, mergeHistogram, newLogHistogram } from '../metrics/log-histogram.js';
import { proportion } from '../metrics/wilson.js';
import type { ReplayState, VariantTally } from '../replay/replay-state.js';
import type { Budgets, CandidateComparison, PolicyRef, RoleLoad, SimulationReport, VariantSummary } from '../types.js';
import { checkBudgets } from '../budget/check-budgets.js';

/** A replayed policy as the report names it. */
export function policyRef(label: string, plan: CompiledPolicy, thresholds: ArrayLike<number> = plan.thresholdValues): PolicyRef {
  return {
    label,
    name: plan.name,
    version: plan.version,
    hash: plan.hash,
    thresholds: Object.fromEntries(plan.thresholdNames.map((name, i) => [name, thresholds[i]!])),
  };
}

/** Below this, the report says loudly that no other figure can be trusted. */
export const FIDELITY_WARNING = 0.99;

/**
 * Turns a finished replay's counts into the report: variant 0 is the
 * baseline, the rest candidates in order. Pure; budgets give the verdict.
 */
export function buildReport(state: ReplayState, plans: readonly CompiledPolicy[], refs: readonly PolicyRef[], budgets: Budgets = {}): SimulationReport {
  const median = turnaroundMedians(state);
  const summaries = state.variants.map((tally, index) => summarize(tally, plans[index]!, refs[index]!, median));
  const baseline = summaries[0]!;
  const qaSample = proportion(state.qa.errors, state.qa.audited);
  const comparisons = summaries.slice(1).map((candidate, index) => compare(state, state.variants[index + 1]!, baseline, candidate, qaSample.interval));
  const fidelityRate = state.fidelity.of === 0 ? null : state.fidelity.reproduced / state.fidelity.of;

  const report: SimulationReport = {
    reportVersion: 1,
    baseline,
    history: {
      sources: [...state.sources],
      total: state.total,
      replayed: state.replayed,
      otherPolicies: { ...state.otherPolicies },
      invalid: { count: state.invalid.count, examples: state.invalid.examples },
      logEvents: state.logEvents,
      duplicates: { count: state.duplicates.count, examples: state.duplicates.examples },
    },
    fidelity: { reproduced: state.fidelity.reproduced, of: state.fidelity.of, rate: fidelityRate, mismatches: state.fidelity.mismatches },
    qaSample,
    comparisons,
    verdict: { pass: true, checked: [], breaches: [], warnings: [] },
  };
  report.verdict = checkBudgets(report, budgets);
  if (state.duplicates.count > 0) {
    // A warning, not a breach: every figure counts the decision once, at its first line.
    const first = state.duplicates.examples[0];
    const where = first === undefined ? '' : ` (the first at ${first.source}:${first.line}, first read at ${first.first.source}:${first.first.line})`;
    report.verdict.warnings.push(`${state.duplicates.count} history line(s) repeat the decisionId of an earlier line${where}: each decision is counted once, at its first line`);
  }
  return report;
}

/** Median recorded turnaround per role, and over all roles for a role history never saw. */
function turnaroundMedians(state: ReplayState): (role: string) => number | undefined {
  const all = newLogHistogram();
  const byRole = new Map<string, number | undefined>();
  for (const [role, histogram] of Object.entries(state.turnaround)) {
    mergeHistogram(all, histogram);
    byRole.set(role, histogramMedian(histogram));
  }
  const overall = histogramMedian(all);
  return (role) => byRole.get(role) ?? overall;
}

function summarize(tally: VariantTally, plan: CompiledPolicy, policy: PolicyRef, median: (role: string) => number | undefined): VariantSummary {
  const reviewerLoad: RoleLoad[] = Object.entries(tally.roles)
    .map(([role, counts]) => {
      const seconds = median(role);
      const estimated = counts.withoutTurnaround;
      const reviews = counts.byRoute.reduce((sum, count) => sum + count, 0);
      return {
        role,
        reviews,
        byRoute: { review_after: counts.byRoute[1]!, approve_before: counts.byRoute[2]!, escalate: counts.byRoute[3]! },
        hours: estimated > 0 && seconds === undefined ? null : (counts.recordedSeconds + estimated * (seconds ?? 0)) / 3600,
        estimatedFromMedian: estimated,
      };
    })
    .sort((a, b) => b.reviews - a.reviews || a.role.localeCompare(b.role));
  const reviews = reviewerLoad.reduce((sum, load) => sum + load.reviews, 0);
  const hours = reviewerLoad.some((load) => load.hours === null) ? null : reviewerLoad.reduce((sum, load) => sum + load.hours!, 0);
  return {
    policy,
    routes: Object.fromEntries(ROUTES.map((route, i) => [route, tally.routes[i]!])) as Record<Route, number>,
    ruleHits: Object.fromEntries(plan.rules.map((rule, i) => [rule.id, tally.ruleHits[i]!])),
    errors: { ...tally.errors },
    reviews,
    reviewerHours: hours,
    reviewerLoad,
  };
}

function compare(
  state: ReplayState,
  tally: VariantTally,
  baseline: VariantSummary,
  candidate: VariantSummary,
  qaInterval: [number, number] | null,
): CandidateComparison {
  const matrix = ROUTES.map((_, from) => ROUTES.map((__, to) => tally.matrix[from * 5 + to]!));
  const changed = matrix.reduce((sum, row, from) => sum + row.reduce((rowSum, count, to) => rowSum + (from === to ? 0 : count), 0), 0);
  const hours = baseline.reviewerHours === null || candidate.reviewerHours === null ? null : candidate.reviewerHours - baseline.reviewerHours;
  const unlabeled = tally.newlyAutomatedUnlabeled;
  return {
    candidate,
    routeChanges: { routes: ROUTES, matrix, changed },
    reviewDelta: {
      reviews: candidate.reviews - baseline.reviews,
      reviewsPct: percentChange(baseline.reviews, candidate.reviews),
      hours,
      hoursPct: hours === null ? null : percentChange(baseline.reviewerHours!, candidate.reviewerHours!),
    },
    newlyAutomated: tally.newlyAutomated,
    escapes: {
      count: tally.escapes,
      rate: state.replayed === 0 ? 0 : tally.escapes / state.replayed,
      ofNewlyAutomated: proportion(tally.escapes, tally.newlyAutomated - unlabeled),
      examples: tally.escapeExamples,
    },
    savedReviews: { count: tally.savedReviews, examples: tally.savedExamples },
    unlabeled: {
      toHumanNeverReviewed: tally.toHumanNeverReviewed,
      newlyAutomatedUnlabeled: unlabeled,
      expectedErrors: qaInterval === null ? null : [unlabeled * qaInterval[0], unlabeled * qaInterval[1]],
    },
  };
}

function percentChange(before: number, after: number): number | null {
  if (before === 0) return after === 0 ? 0 : null;
  return ((after - before) / before) * 100;
}

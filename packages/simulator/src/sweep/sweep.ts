import { thresholdValuesFor, type CompiledPolicy } from '@oversight/core';
import { replayHistory, type HistorySource } from '../history/replay-history.js';
import { buildReport, policyRef } from '../report/build-report.js';
import type { ReplayState } from '../replay/replay-state.js';
import type { ReplayVariant } from '../replay/replay.js';
import type { SweepPoint, SweepRange, SweepReport } from '../types.js';
import { markParetoFront } from './sweep-grid.js';

export interface SweepOptions {
  label: string;
  plan: CompiledPolicy;
  vary: readonly SweepRange[];
  /** From sweepPoints: the threshold overrides of each point. */
  points: readonly Record<string, number>[];
}

/** The policy as written (variant 0), then one variant per point. */
export function sweepVariants(options: SweepOptions): ReplayVariant[] {
  const { plan, points } = options;
  return [{ plan }, ...points.map((point) => ({ plan, thresholds: thresholdValuesFor(plan, point) }))];
}

/** Every point in one pass over the history: facts are checked once a record, then decided per point. */
export async function sweep(history: AsyncIterable<HistorySource> | Iterable<HistorySource>, options: SweepOptions): Promise<SweepReport> {
  const state = await replayHistory(history, sweepVariants(options));
  return sweepReport(state, options);
}

/** The sweep's report from a finished replay. */
export function sweepReport(state: ReplayState, options: SweepOptions): SweepReport {
  const variants = sweepVariants(options);
  const refs = variants.map((variant, i) => policyRef(i === 0 ? options.label : `${options.label} @ ${i}`, variant.plan, variant.thresholds));
  const report = buildReport(state, variants.map((variant) => variant.plan), refs);
  const current = refs[0]!.thresholds;
  const points: SweepPoint[] = report.comparisons.map((comparison, i) => ({
    thresholds: { ...options.points[i]! },
    automated: comparison.candidate.routes.auto,
    reviews: comparison.candidate.reviews,
    reviewerHours: comparison.candidate.reviewerHours,
    newlyAutomated: comparison.newlyAutomated,
    escapes: comparison.escapes.count,
    automatedErrors: state.variants[i + 1]!.automatedErrors,
    savedReviews: comparison.savedReviews.count,
    pareto: false,
    current: Object.entries(options.points[i]!).every(([name, value]) => current[name] === value),
  }));
  return { reportVersion: 1, policy: refs[0]!, vary: [...options.vary], history: report.history, fidelity: report.fidelity, points: markParetoFront(points) };
}

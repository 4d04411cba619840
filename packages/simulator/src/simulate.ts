import { thresholdValuesFor, type CompiledPolicy } from '@oversight/core';
import { replayHistory, type HistorySource } from './history/replay-history.js';
import { buildReport, policyRef } from './report/build-report.js';
import type { ReplayState } from './replay/replay-state.js';
import type { ReplayVariant, RouteChangeObserver } from './replay/replay.js';
import type { Budgets, PolicyRef, SimulationReport } from './types.js';

/** A policy in a simulation: its label in the report, the compiled plan, and threshold overrides. */
export interface PolicyUnderTest {
  label: string;
  plan: CompiledPolicy;
  thresholds?: Readonly<Record<string, number>>;
}

export interface SimulateOptions {
  baseline: PolicyUnderTest;
  candidates: readonly PolicyUnderTest[];
  budgets?: Budgets;
  /** Examples kept per list (default 20). */
  examples?: number;
  /** Told of every record a candidate routes otherwise than the baseline, as the replay meets it. */
  onRouteChange?: RouteChangeObserver;
}

/** The variants a simulation replays, baseline first, and how the report names them. */
export function simulationVariants(options: Pick<SimulateOptions, 'baseline' | 'candidates'>): { variants: ReplayVariant[]; refs: PolicyRef[] } {
  const all = [options.baseline, ...options.candidates];
  const variants = all.map(({ plan, thresholds }) => ({ plan, thresholds: thresholdValuesFor(plan, thresholds) }));
  const refs = all.map(({ label }, i) => policyRef(label, variants[i]!.plan, variants[i]!.thresholds));
  return { variants, refs };
}

/**
 * Replays a history through the baseline and every candidate in one pass and
 * reports what would change, with the verdict against the budgets.
 */
export async function simulate(
  history: AsyncIterable<HistorySource> | Iterable<HistorySource>,
  options: SimulateOptions,
): Promise<SimulationReport> {
  const { variants } = simulationVariants(options);
  const state = await replayHistory(history, variants, { examples: options.examples, ...(options.onRouteChange === undefined ? {} : { onRouteChange: options.onRouteChange }) });
  return simulationReport(state, options);
}

/** The report for a replay already done: by replayHistory, or by another engine that fills a ReplayState. */
export function simulationReport(state: ReplayState, options: SimulateOptions): SimulationReport {
  const { variants, refs } = simulationVariants(options);
  return buildReport(
    state,
    variants.map((variant) => variant.plan),
    refs,
    options.budgets,
  );
}

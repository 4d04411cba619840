import { compilePolicy, loadPolicy, type CompiledPolicy } from '@oversight/core';
import { simulationVariants, sweepVariants, type ReplayVariant, type SimulateOptions, type SweepOptions, type SweepRange } from '@oversight/simulator';

/** A policy as text, so a worker thread can load it again (compiled plans hold functions). */
export interface PolicyText {
  label: string;
  text: string;
  file: string;
  thresholds?: Record<string, number>;
}

/** What to replay: plain data, the same in the main thread and in every worker. */
export type ReplayJob =
  | { kind: 'simulate'; baseline: PolicyText; candidates: PolicyText[] }
  | { kind: 'sweep'; policy: PolicyText; vary: SweepRange[]; points: Record<string, number>[] };

export type JobPlan = { kind: 'simulate'; options: SimulateOptions; variants: ReplayVariant[] } | { kind: 'sweep'; options: SweepOptions; variants: ReplayVariant[] };

/** Compiles the job's policies (each text once) into the variants to replay, baseline first. */
export function planJob(job: ReplayJob): JobPlan {
  const plans = new Map<string, CompiledPolicy>();
  const compile = ({ text, file }: PolicyText): CompiledPolicy => {
    let plan = plans.get(text);
    if (plan === undefined) {
      const loaded = loadPolicy(text, file);
      // The main thread loaded the same text before starting any worker.
      if (!loaded.ok) throw new Error(`policy ${file} no longer loads`);
      plan = compilePolicy(loaded.policy);
      plans.set(text, plan);
    }
    return plan;
  };
  if (job.kind === 'sweep') {
    const options: SweepOptions = { label: job.policy.label, plan: compile(job.policy), vary: job.vary, points: job.points };
    return { kind: 'sweep', options, variants: sweepVariants(options) };
  }
  const underTest = (policy: PolicyText) => ({ label: policy.label, plan: compile(policy), thresholds: policy.thresholds });
  const options: SimulateOptions = { baseline: underTest(job.baseline), candidates: job.candidates.map(underTest) };
  return { kind: 'simulate', options, variants: simulationVariants(options).variants };
}

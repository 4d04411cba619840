import { compilePolicy, type CompiledPolicy, type Policy } from '@oversight/core';
import { type SimulateOptions, type SweepOptions, type SweepRange } from '@oversight/simulator';
import { simulationVariants, sweepVariants, type ReplayVariant } from '@oversight/simulator/internal';

/**
 * A loaded policy, as plain data a worker thread receives (compiled plans hold
 * functions): the worker compiles it without parsing or validating it again.
 */
export interface JobPolicy {
  label: string;
  policy: Policy;
  thresholds?: Record<string, number>;
}

/** What to replay: plain data, the same in the main thread and in every worker. */
export type ReplayJob =
  | { kind: 'simulate'; baseline: JobPolicy; candidates: JobPolicy[] }
  | { kind: 'sweep'; policy: JobPolicy; vary: SweepRange[]; points: Record<string, number>[] };

export type JobPlan = { kind: 'simulate'; options: SimulateOptions; variants: ReplayVariant[] } | { kind: 'sweep'; options: SweepOptions; variants: ReplayVariant[] };

/** Compiles the job's policies (each once) into the variants to replay, baseline first. */
export function planJob(job: ReplayJob): JobPlan {
  const plans = new Map<Policy, CompiledPolicy>();
  const compile = ({ policy }: JobPolicy): CompiledPolicy => {
    let plan = plans.get(policy);
    if (plan === undefined) {
      plan = compilePolicy(policy);
      plans.set(policy, plan);
    }
    return plan;
  };
  if (job.kind === 'sweep') {
    const options: SweepOptions = { label: job.policy.label, plan: compile(job.policy), vary: job.vary, points: job.points };
    return { kind: 'sweep', options, variants: sweepVariants(options) };
  }
  const underTest = (policy: JobPolicy) => ({ label: policy.label, plan: compile(policy), thresholds: policy.thresholds });
  const options: SimulateOptions = { baseline: underTest(job.baseline), candidates: job.candidates.map(underTest) };
  return { kind: 'simulate', options, variants: simulationVariants(options).variants };
}

// What the variants of a replay compute alike, computed once before them:
// step 1 (the fact checks) when they share the facts schema, and the state of
// each rule whose thresholds no variant of its policy changes. A sweep's
// points then each decide only the rules that read the varied threshold.
import type { ReplayVariant } from '@oversight/simulator/internal';
import { compileFactProblem, compileRuleStates, thresholdsRead, type ColumnType, type SqlDiagnostic } from '@oversight/sql';

export interface SharedStages {
  /** `expression AS column` items for the stage before the variants. */
  columns: string[];
  /** The column holding step 1, when the variants share it. */
  factProblem: string | undefined;
  /** Per variant, per rule: the column holding its state, or undefined. */
  ruleStates: (string | undefined)[][];
}

const FACT_PROBLEM = 'oversight_fact_problem';

/** The shared stages of the variants, or the diagnostics of a policy the SQL compiler refuses. */
export function sharedStages(variants: readonly ReplayVariant[], facts: ColumnType | undefined): { ok: true; stages: SharedStages } | { ok: false; policy: string; diagnostics: SqlDiagnostic[] } {
  const plans = variants.map((variant) => variant.plan);
  const columns: string[] = [];
  const schema = JSON.stringify(plans[0]!.policy.spec.facts);
  let factProblem: string | undefined;
  if (plans.every((plan) => JSON.stringify(plan.policy.spec.facts) === schema)) {
    const problem = compileFactProblem(plans[0]!.policy, { facts });
    if (!problem.ok) return { ok: false, policy: plans[0]!.name, diagnostics: problem.diagnostics };
    columns.push(`${problem.sql} AS ${FACT_PROBLEM}`);
    factProblem = FACT_PROBLEM;
  }
  const ruleStates = variants.map(() => [] as (string | undefined)[]);
  // Variants of one policy (a sweep's points, a threshold candidate and its baseline) share its invariant rules.
  const byPolicy = new Map<object, number[]>();
  variants.forEach((variant, v) => byPolicy.set(variant.plan.policy, [...(byPolicy.get(variant.plan.policy) ?? []), v]));
  let group = 0;
  for (const members of byPolicy.values()) {
    if (members.length < 2) continue;
    const values = members.map((v) => thresholdsOf(variants[v]!));
    const first = values[0]!;
    const plan = variants[members[0]!]!.plan;
    const states = compileRuleStates(plan.policy, { facts, thresholds: first });
    if (!states.ok) return { ok: false, policy: plan.name, diagnostics: states.diagnostics };
    plan.policy.spec.rules.forEach((rule, i) => {
      if (!thresholdsRead(rule.when).every((name) => values.every((each) => Object.is(each[name], first[name])))) return;
      const column = `oversight_shared_${group}_${i}`;
      columns.push(`${states.states[i]!} AS ${column}`);
      for (const v of members) ruleStates[v]![i] = column;
    });
    group++;
  }
  return { ok: true, stages: { columns, factProblem, ruleStates } };
}

/** A variant's threshold values by name: its overrides, or the policy's. */
export function thresholdsOf(variant: ReplayVariant): Record<string, number> {
  const { plan, thresholds } = variant;
  const values = Object.create(null) as Record<string, number>;
  plan.thresholdNames.forEach((name, i) => (values[name] = thresholds === undefined ? plan.policy.spec.thresholds![name]!.value : thresholds[i]!));
  return values;
}

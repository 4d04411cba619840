import { KERNEL_OK, KERNEL_UNDECLARED, planOf, type CompiledPlan, type CompiledPolicy, type KernelFailure } from '../compile/plan.js';
import { failRoute, finishRoute, newRouteResult, type RouteResult } from './evaluate-route.js';

/** A policy, and threshold values for it (thresholdValuesFor), to replay side by side with others. */
export interface RouteVariant {
  plan: CompiledPolicy;
  thresholds?: ArrayLike<number>;
}

/** Variants prepared for evaluateVariants: opaque, and not shared between threads of work. */
export interface VariantSet {
  readonly size: number;
  readonly groups: readonly VariantGroup[];
}

interface VariantGroup {
  /** Checks the facts for every member: their plans declare the same facts. */
  checker: CompiledPlan;
  values: unknown[];
  failure: KernelFailure;
  /** `samePlanAsPrevious`: the member before it in the group decides with the same plan (other thresholds). */
  members: { index: number; plan: CompiledPlan; thresholds: ArrayLike<number>; result: RouteResult; samePlanAsPrevious: boolean }[];
}

/**
 * Groups variants whose policies declare the same facts, so that each record's
 * facts are checked once per group however many variants (a baseline, its
 * candidates, every point of a sweep) decide on them.
 */
export function prepareVariants(variants: readonly RouteVariant[]): VariantSet {
  const groups = new Map<string, VariantGroup>();
  variants.forEach(({ plan: compiled, thresholds = compiled.thresholdValues }, index) => {
    const plan = planOf(compiled);
    let group = groups.get(plan.factSignature);
    if (group === undefined) {
      group = { checker: plan, values: new Array<unknown>(plan.facts.length), failure: { key: '', fact: -1 }, members: [] };
      groups.set(plan.factSignature, group);
    }
    const result = newRouteResult(new Uint8Array(plan.rules.length), plan.onErrorRoute);
    group.members.push({ index, plan, thresholds, result, samePlanAsPrevious: group.members.at(-1)?.plan === plan });
  });
  return { size: variants.length, groups: [...groups.values()] };
}

/**
 * The route of every variant for one set of facts, as evaluateRoute gives it,
 * passed to `visit` with the variant's index. The result is reused: read it
 * inside `visit`.
 */
export function evaluateVariants(set: VariantSet, facts: unknown, visit: (index: number, result: RouteResult) => void): void {
  const isObject = facts !== null && typeof facts === 'object' && !Array.isArray(facts);
  for (const group of set.groups) {
    const status = isObject ? group.checker.checkFacts(facts as Record<string, unknown>, group.values, group.failure) : -1;
    let previous: RouteResult | undefined;
    for (const member of group.members) {
      const { plan, result } = member;
      let code = status;
      if (code === KERNEL_OK) code = plan.decideRules(group.values, member.thresholds, result.states, group.failure);
      if (code !== KERNEL_OK) failRoute(plan, result, code === KERNEL_UNDECLARED ? 'undeclared-fact' : 'invalid-fact');
      // Points of a sweep mostly agree on a record: the same rule states give the same route.
      else if (previous !== undefined && member.samePlanAsPrevious && sameStates(previous.states, result.states)) copyRoute(previous, result);
      else finishRoute(plan, group.values, result);
      previous = result;
      visit(member.index, result);
    }
  }
}

function sameStates(a: Uint8Array, b: Uint8Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function copyRoute(from: RouteResult, to: RouteResult): void {
  to.route = from.route;
  to.error = from.error;
  to.deciding = from.deciding;
  to.reviewer = from.reviewer;
  const outcome = to.outcome;
  outcome.route = from.outcome.route;
  outcome.deciding = from.outcome.deciding;
  outcome.gated = from.outcome.gated;
  outcome.error = from.outcome.error;
  outcome.forcedBy = from.outcome.forcedBy;
}

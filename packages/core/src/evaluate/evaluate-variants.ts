import { KERNEL_OK, KERNEL_UNDECLARED, type CompiledPolicy, type KernelFailure } from '../compile/plan.js';
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
  checker: CompiledPolicy;
  values: unknown[];
  failure: KernelFailure;
  members: { index: number; plan: CompiledPolicy; thresholds: ArrayLike<number>; result: RouteResult }[];
}

/**
 * Groups variants whose policies declare the same facts, so that each record's
 * facts are checked once per group however many variants (a baseline, its
 * candidates, every point of a sweep) decide on them.
 */
export function prepareVariants(variants: readonly RouteVariant[]): VariantSet {
  const groups = new Map<string, VariantGroup>();
  variants.forEach(({ plan, thresholds = plan.thresholdValues }, index) => {
    let group = groups.get(plan.factSignature);
    if (group === undefined) {
      group = { checker: plan, values: new Array<unknown>(plan.facts.length), failure: { key: '', fact: -1, leaf: undefined }, members: [] };
      groups.set(plan.factSignature, group);
    }
    const result = newRouteResult(new Uint8Array(plan.rules.length), plan.onErrorRoute);
    group.members.push({ index, plan, thresholds, result });
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
    for (const member of group.members) {
      const { plan, result } = member;
      let code = status;
      if (code === KERNEL_OK) code = plan.decideRules(group.values, member.thresholds, result.states, group.failure);
      if (code === KERNEL_OK) finishRoute(plan, group.values, result);
      else failRoute(plan, result, code === KERNEL_UNDECLARED ? 'undeclared-fact' : 'invalid-fact');
      visit(member.index, result);
    }
  }
}

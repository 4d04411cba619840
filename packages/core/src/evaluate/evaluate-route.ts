import { KERNEL_OK, KERNEL_UNDECLARED, planOf, type CompiledPlan, type CompiledPolicy } from '../compile/plan.js';
import type { ErrorCode, Route } from '../types.js';
import type { RouteOutcome } from './decide-route.js';
import { decideRoute, errorReviewer, newRouteOutcome, reviewerFor } from './decide-route.js';

/** The route alone. Reused between calls: read it before the next call. */
export interface RouteResult {
  /** Where steps 3 to 5 leave their outcome. */
  outcome: RouteOutcome;
  route: Route;
  error: ErrorCode | undefined;
  /** Per rule in file order: 0 false, 1 true (matched), 2 undecided. */
  states: Uint8Array;
  /** Index of the deciding rule, or -1. */
  deciding: number;
  /** The accountable role for a human route, as in the full decision. */
  reviewer: string | undefined;
}

/**
 * The route and matched rules of `evaluate`, without reasons, packet or
 * sampling: what a replay of millions of records needs, at the speed of a
 * hand-written function. `thresholds` comes from thresholdValuesFor.
 */
export function evaluateRoute(compiled: CompiledPolicy, facts: unknown, thresholds: ArrayLike<number> = compiled.thresholdValues): RouteResult {
  const plan = planOf(compiled);
  const { states, values, failure, routeResult: result } = plan.scratch;
  if (facts === null || typeof facts !== 'object' || Array.isArray(facts)) return failRoute(plan, result, 'invalid-fact');
  const status = plan.kernel(facts as Record<string, unknown>, thresholds, states, values, failure);
  if (status !== KERNEL_OK) return failRoute(plan, result, status === KERNEL_UNDECLARED ? 'undeclared-fact' : 'invalid-fact');
  return finishRoute(plan, values, result);
}

/** Steps 3 to 5 over the states in `result`, from checked fact values. */
export function finishRoute(plan: CompiledPlan, values: readonly unknown[], result: RouteResult): RouteResult {
  const outcome = decideRoute(plan, result.states, plan.irreversibleFact >= 0 ? values[plan.irreversibleFact] : undefined, result.outcome);
  result.route = outcome.route;
  result.error = outcome.error;
  result.deciding = outcome.deciding;
  result.reviewer = reviewerFor(plan, result.states, outcome);
  return result;
}

/** The onError outcome for facts that could not be checked. */
export function failRoute(plan: CompiledPlan, result: RouteResult, error: ErrorCode): RouteResult {
  result.route = plan.onErrorRoute;
  result.error = error;
  result.deciding = -1;
  result.reviewer = errorReviewer(plan);
  result.states.fill(0);
  return result;
}

export function newRouteResult(states: Uint8Array, route: Route): RouteResult {
  return { route, error: undefined, states, deciding: -1, reviewer: undefined, outcome: newRouteOutcome() };
}

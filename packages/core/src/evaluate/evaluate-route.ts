import { KERNEL_OK, KERNEL_UNDECLARED, type CompiledPolicy } from '../compile/plan.js';
import type { ErrorCode, Route } from '../types.js';
import type { RouteOutcome } from './decide-route.js';
import { decideRoute } from './decide-route.js';

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
}

/**
 * The route and matched rules of `evaluate`, without reasons, packet or
 * sampling: what a replay of millions of records needs, at the speed of a
 * hand-written function. `thresholds` comes from thresholdValuesFor.
 */
export function evaluateRoute(plan: CompiledPolicy, facts: unknown, thresholds: ArrayLike<number> = plan.thresholdValues): RouteResult {
  const { states, values, failure, routeResult: result } = plan.scratch;
  if (facts === null || typeof facts !== 'object' || Array.isArray(facts)) return fail(plan, result, 'invalid-fact');
  const status = plan.kernel(facts as Record<string, unknown>, thresholds, states, values, failure);
  if (status !== KERNEL_OK) return fail(plan, result, status === KERNEL_UNDECLARED ? 'undeclared-fact' : 'invalid-fact');
  const outcome = decideRoute(plan, states, plan.irreversibleFact >= 0 ? values[plan.irreversibleFact] : undefined, result.outcome);
  result.route = outcome.route;
  result.error = outcome.error;
  result.deciding = outcome.deciding;
  return result;
}

function fail(plan: CompiledPolicy, result: RouteResult, error: ErrorCode): RouteResult {
  result.route = plan.onErrorRoute;
  result.error = error;
  result.deciding = -1;
  result.states.fill(0);
  return result;
}

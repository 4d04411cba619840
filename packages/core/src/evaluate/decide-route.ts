import { TRUE, UNKNOWN, type CompiledPolicy } from '../compile/plan.js';
import { ROUTES, type ErrorCode, type Route } from '../types.js';

/** Steps 3 to 5 of an evaluation, before any string is built. */
export interface RouteOutcome {
  route: Route;
  /** Index of the rule that decided, or -1 (default, or onError). */
  deciding: number;
  /** An unexempt irreversible action was lifted from auto to approve_before. */
  gated: boolean;
  error: ErrorCode | undefined;
  /** For missing-fact: the first undecided rule that forced onError. */
  forcedBy: number;
}

/**
 * Combines rule states into a route: the strategy (3), the irreversible gate
 * (4), and failing closed when an undecided rule might have been stricter (5).
 * `states` holds FALSE, TRUE or UNKNOWN per rule.
 */
export function decideRoute(plan: CompiledPolicy, states: ArrayLike<number>, irreversible: unknown, out: RouteOutcome): RouteOutcome {
  // Routes are compared as their ranks in ROUTES (0 is auto), and named once at the end.
  const rules = plan.rules;
  const firstMatch = plan.strategy === 'first-match';
  let deciding = -1;
  for (let i = 0; i < rules.length; i++) {
    if (states[i] !== TRUE) continue;
    if (firstMatch) {
      deciding = i;
      break;
    }
    if (deciding < 0 || rules[i]!.rank > rules[deciding]!.rank) deciding = i;
  }
  let rank = deciding >= 0 ? rules[deciding]!.rank : plan.defaultRank;
  let error: ErrorCode | undefined;
  let gated = false;

  if (rank === AUTO && plan.irreversibleFact >= 0 && irreversible !== false && !exempt(plan, states, deciding)) {
    if (irreversible === true) {
      rank = APPROVE_BEFORE;
      gated = true;
    } else {
      rank = plan.onErrorRank;
      error = 'irreversibility-unknown';
    }
  }

  // Under first-match only rules ahead of the deciding one could have changed the outcome.
  const counted = firstMatch && deciding >= 0 ? deciding : rules.length;
  let forcedBy = -1;
  for (let i = 0; i < counted; i++) {
    if (states[i] === UNKNOWN && rules[i]!.rank > rank) {
      forcedBy = i;
      break;
    }
  }
  if (forcedBy >= 0) {
    rank = plan.onErrorRank;
    error ??= 'missing-fact';
  }

  out.route = ROUTES[rank]!;
  out.deciding = deciding;
  out.gated = gated;
  out.error = error;
  out.forcedBy = forcedBy;
  return out;
}

const AUTO = ROUTES.indexOf('auto');
const APPROVE_BEFORE = ROUTES.indexOf('approve_before');

// Auto on an irreversible action stands only where a rule that chose auto says so explicitly.
function exempt(plan: CompiledPolicy, states: ArrayLike<number>, deciding: number): boolean {
  if (deciding < 0) return false;
  const rules = plan.rules;
  if (plan.strategy === 'first-match') return rules[deciding]!.exemptIrreversible;
  for (let i = 0; i < rules.length; i++) {
    if (states[i] === TRUE && rules[i]!.exemptIrreversible && rules[i]!.route === 'auto') return true;
  }
  return false;
}

export function newRouteOutcome(): RouteOutcome {
  return { route: 'approve_before', deciding: -1, gated: false, error: undefined, forcedBy: -1 };
}


/**
 * The role accountable for a decision: the deciding rule's reviewer, else that
 * of another matched rule with the same route. None for a machine route, and
 * none when no rule owns the outcome (default, onError, the irreversible gate).
 */
export function reviewerFor(plan: CompiledPolicy, states: ArrayLike<number>, outcome: RouteOutcome): string | undefined {
  // auto and deny are the routes no person acts on (HUMAN_ROUTES is the rest): compared directly, this runs per replayed record.
  if (outcome.deciding < 0 || outcome.error !== undefined || outcome.gated || outcome.route === 'auto' || outcome.route === 'deny') return undefined;
  const deciding = plan.rules[outcome.deciding]!;
  if (deciding.reviewer !== undefined) return deciding.reviewer;
  return plan.rules.find((rule, i) => states[i] === TRUE && rule.route === outcome.route && rule.reviewer !== undefined)?.reviewer;
}

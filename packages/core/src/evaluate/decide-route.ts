import { TRUE, UNKNOWN, type CompiledPlan } from '../compile/plan.js';
import { ROUTES, type ErrorCode, type Route } from '../types.js';

/** Steps 3 to 5 of an evaluation, before any string is built. */
export interface RouteOutcome {
  route: Route;
  /** Index of the rule that decided, or -1 (default, or onError). */
  deciding: number;
  /** An unexempt irreversible action was lifted from auto or review_after to approve_before. */
  gated: boolean;
  error: ErrorCode | undefined;
  /** For missing-fact: the first undecided rule that forced onError. */
  forcedBy: number;
}

const AUTO = ROUTES.indexOf('auto');
const REVIEW_AFTER = ROUTES.indexOf('review_after');
const APPROVE_BEFORE = ROUTES.indexOf('approve_before');
const DENY = ROUTES.indexOf('deny');

/**
 * Combines rule states into a route: the strategy (3), the irreversible gate
 * (4), and failing closed when an undecided rule might have been stricter (5).
 * `states` holds FALSE, TRUE or UNKNOWN per rule.
 */
export function decideRoute(plan: CompiledPlan, states: ArrayLike<number>, irreversible: unknown, out: RouteOutcome): RouteOutcome {
  // Routes are compared as their ranks in ROUTES (0 is auto), and named once at the end.
  const rules = plan.rules;
  const deciding = decidingRule(plan, states);
  let rank = deciding >= 0 ? rules[deciding]!.rank : plan.defaultRank;
  let error: ErrorCode | undefined;
  let gated = false;

  if (irreversible !== false && runsFirstUnexempt(plan, states, deciding, rank)) {
    if (irreversible === true) {
      rank = APPROVE_BEFORE;
      gated = true;
    } else {
      rank = plan.onErrorRank;
      error = 'irreversibility-unknown';
    }
  }

  // Under first-match only rules ahead of the deciding one could have changed the outcome.
  const counted = plan.strategy === 'first-match' && deciding >= 0 ? deciding : rules.length;
  let forcedBy = -1;
  // Nothing is stricter than deny: no undecided rule can change it.
  if (rank < DENY) {
    for (let i = 0; i < counted; i++) {
      if (states[i] === UNKNOWN && rules[i]!.rank > rank) {
        forcedBy = i;
        break;
      }
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

/**
 * Step 3: the rule whose route the strategy takes, or -1 for the default.
 * Under most-restrictive, the first in file order among the strictest matched.
 */
export function decidingRule(plan: CompiledPlan, states: ArrayLike<number>): number {
  const rules = plan.rules;
  const firstMatch = plan.strategy === 'first-match';
  let deciding = -1;
  for (let i = 0; i < rules.length; i++) {
    if (states[i] !== TRUE) continue;
    if (firstMatch) return i;
    if (deciding < 0 || rules[i]!.rank > rules[deciding]!.rank) deciding = i;
  }
  return deciding;
}

/**
 * Whether the irreversible gate applies to the route from step 3 (`rank`):
 * the policy declares the fact, the route runs the action before a person
 * looks (auto or review_after), and the rules that chose it are not all
 * exempt — every matched rule on that route under most-restrictive, the
 * deciding rule under first-match; the default is never exempt.
 */
export function runsFirstUnexempt(plan: CompiledPlan, states: ArrayLike<number>, deciding: number, rank: number): boolean {
  if (plan.irreversibleFact < 0 || (rank !== AUTO && rank !== REVIEW_AFTER)) return false;
  if (deciding < 0) return true;
  const rules = plan.rules;
  if (plan.strategy === 'first-match') return !rules[deciding]!.exemptIrreversible;
  for (let i = deciding; i < rules.length; i++) {
    if (states[i] === TRUE && rules[i]!.rank === rank && !rules[i]!.exemptIrreversible) return true;
  }
  return false;
}

export function newRouteOutcome(): RouteOutcome {
  return { route: 'approve_before', deciding: -1, gated: false, error: undefined, forcedBy: -1 };
}

/**
 * The role accountable for a decision a person acts on: the deciding rule's
 * reviewer; under most-restrictive, else that of another matched rule on the
 * same route (first in file order: they decided together); else the policy's
 * `spec.reviewer`, which owns every human decision no rule assigns (default,
 * onError, the irreversible gate). None for a machine route. Under
 * first-match the rules after the deciding one never decide, so they name no
 * one (and evaluateAsync need not evaluate them).
 */
export function reviewerFor(plan: CompiledPlan, states: ArrayLike<number>, outcome: RouteOutcome): string | undefined {
  // auto and deny are the routes no person acts on (HUMAN_ROUTES is the rest): compared directly, this runs per replayed record.
  const route = outcome.route;
  if (route === 'auto' || route === 'deny') return undefined;
  if (outcome.deciding < 0 || outcome.error !== undefined || outcome.gated) return plan.policyReviewer;
  const rules = plan.rules;
  const deciding = rules[outcome.deciding]!;
  if (deciding.reviewer !== undefined) return deciding.reviewer;
  if (plan.strategy === 'first-match') return plan.policyReviewer;
  for (let i = outcome.deciding + 1; i < rules.length; i++) {
    if (states[i] === TRUE && rules[i]!.route === route && rules[i]!.reviewer !== undefined) return rules[i]!.reviewer;
  }
  return plan.policyReviewer;
}

/** The owner of a decision that never reached the rules (step 1 failed): spec.reviewer on a human onError. */
export function errorReviewer(plan: CompiledPlan): string | undefined {
  return plan.onErrorRoute === 'deny' ? undefined : plan.policyReviewer;
}

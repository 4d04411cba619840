import { ROUTES, type Decision, type Route } from '@oversight/core';
import type { RouteTally } from './formatter.js';

/** An empty tally: every route counted at zero, so the summary can list them in order. */
export function createTally(): RouteTally {
  const routes = Object.fromEntries(ROUTES.map((route) => [route, 0])) as Record<Route, number>;
  return { total: 0, routes, errors: 0 };
}

/** Counts one decision into the tally, in place (eval streams and keeps no decisions). */
export function countDecision(tally: RouteTally, decision: Decision): void {
  tally.total += 1;
  tally.routes[decision.route] += 1;
  if (decision.error !== undefined) tally.errors += 1;
}

import type { Route } from '@oversight/core';

// What each route means for the person reading, not the policy author's id for it.
const WORDS: Record<Route, string> = {
  auto: 'Runs automatically: no person needed',
  review_after: 'Ran already: review after',
  approve_before: 'Needs approval before it runs',
  escalate: 'Escalated: a higher authority decides',
  deny: 'Denied: it does not run',
};

/** A route in words. A route this version does not know (read from a newer log) is named as it is. */
export function routeWords(route: Route): string {
  return Object.hasOwn(WORDS, route) ? WORDS[route] : `Route: ${String(route)}`;
}

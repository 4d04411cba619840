import type { Condition, Policy, Route, Rule } from '@oversight/core';
import type { Region } from './domain.js';
import type { PolicyAnalysis } from './policy-analysis.js';

/**
 * The routes the irreversible gate lifts to approve_before: both run the
 * action before a person looks (review_after only has a person look after).
 */
export const GATED_ROUTES: readonly Route[] = ['auto', 'review_after'];

const IRREVERSIBLE: Condition = { fact: 'irreversible', operator: 'equal', value: true };
const REVERSIBLE: Condition = { fact: 'irreversible', operator: 'equal', value: false };

export function isGatedRoute(route: Route): boolean {
  return GATED_ROUTES.includes(route);
}

export function isExempt(rule: Rule): boolean {
  return rule.exempt?.includes('irreversible') === true;
}

/** Without a declared `irreversible` fact there is no gate: nothing lifts auto or review_after. */
export function declaresIrreversible(policy: Policy): boolean {
  return Object.hasOwn(policy.spec.facts, 'irreversible');
}

/**
 * Where the action is irreversible (the gate lifts unexempt auto and
 * review_after) and where it is reversible (the gate does nothing); undefined
 * for a policy with no gate. Only `false` is reversible: any other value the
 * gate treats as not known to be reversible.
 */
export function irreversibleRegions(policy: Policy, analysis: PolicyAnalysis): { irreversible: Region | undefined; reversible: Region | undefined } | undefined {
  if (!declaresIrreversible(policy)) return undefined;
  return { irreversible: analysis.conditionRegion(IRREVERSIBLE), reversible: analysis.conditionRegion(REVERSIBLE) };
}

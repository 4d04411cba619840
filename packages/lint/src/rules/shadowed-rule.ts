import { ROUTES, type Policy } from '@oversight/core';
import { irreversibleRegions, isExempt, isGatedRoute } from '../analysis/irreversible-gate.js';
import type { PolicyAnalysis } from '../analysis/policy-analysis.js';
import { createRule } from '../rule.js';

/**
 * Under most-restrictive, a rule decides only when no matched rule is stricter
 * (and, at the same route, none comes before it). A rule whose matches always
 * coincide with such a rule's never decides: it is listed in `matched`, but
 * removing it changes no route.
 *
 * One exception: the irreversible gate keeps auto or review_after on an
 * irreversible action only when every matched rule with that route is exempt,
 * so an unexempt rule behind an exempt one of the same route still matters
 * (it sends the action to approve_before). Such a rule is covered only where
 * the action is reversible, or where another unexempt rule of its route matches.
 */
export const shadowedRule = createRule({
  meta: {
    id: 'shadowed-rule',
    category: 'logic',
    defaultSeverity: 'warning',
    messages: {
      shadowed:
        "rule '{{rule}}' ({{route}}) never decides: whenever it matches, {{by}} also matches with a route at least as restrictive. Narrow or delete it, or make its route stricter if it should win",
    },
    docs: { description: 'Under `most-restrictive`, no rule is always outranked: some action it matches must not also match a stricter rule (or an earlier rule with the same route).' },
  },
  check(context) {
    const { policy, analysis } = context;
    if ((policy.spec.strategy ?? 'most-restrictive') !== 'most-restrictive') return;
    const rules = policy.spec.rules;
    const rank = (index: number) => ROUTES.indexOf(rules[index]!.route);
    rules.forEach((rule, index) => {
      const region = analysis.ruleRegion(index);
      if (region === undefined || analysis.isEmpty(region)) return;
      const outranking = rules.flatMap((_, other) => (rank(other) > rank(index) || (rank(other) === rank(index) && other < index) ? [other] : []));
      if (outranking.length === 0) return;
      if (neverChangesRoute(policy, analysis, index, outranking) !== true) return;
      // Name the one rule that outranks it alone when there is one; else every rule that takes part.
      const alone = outranking.find((other) => analysis.covers(analysis.ruleRegion(other)!, region) === true);
      const by = (alone === undefined ? outranking.filter((other) => analysis.overlaps(analysis.ruleRegion(other)!, region) === true) : [alone]).map((other) => `'${rules[other]!.id}'`);
      context.report({ messageId: 'shadowed', data: { rule: rule.id, route: rule.route, by: by.join(', ') }, path: ['spec', 'rules', index, 'id'] });
    });
  },
});

/**
 * Whether rule `index` can never change the route: true and false are proofs,
 * undefined is "too large to tell". Covered by the rules that outrank it, and,
 * when its missing exemption could keep the gate shut, on irreversible actions
 * also by stricter rules or other unexempt rules on its route. Two
 * subtractions, not one over an intersection: intersecting unions multiplies
 * their boxes, and the bound on boxes would leave more rules unjudged.
 */
function neverChangesRoute(policy: Policy, analysis: PolicyAnalysis, index: number, outranking: readonly number[]): boolean | undefined {
  const rules = policy.spec.rules;
  const rule = rules[index]!;
  const region = analysis.ruleRegion(index)!;
  const unionOf = (indexes: readonly number[]) => analysis.union(indexes.map((other) => analysis.ruleRegion(other)));
  const outranked = unionOf(outranking);
  const decidesNever = outranked === undefined ? undefined : analysis.covers(outranked, region);
  const gate = irreversibleRegions(policy, analysis);
  // An earlier exempt rule on its route is the only one whose match this rule's missing exemption can overrule.
  const canVeto = gate !== undefined && isGatedRoute(rule.route) && !isExempt(rule) && outranking.some((other) => rules[other]!.route === rule.route && isExempt(rules[other]!));
  if (decidesNever !== true || !canVeto) return decidesNever;
  const stopping = unionOf(rules.flatMap((other, i) => (ROUTES.indexOf(other.route) > ROUTES.indexOf(rule.route) || (i !== index && other.route === rule.route && !isExempt(other)) ? [i] : [])));
  const irreversible = gate.irreversible === undefined ? undefined : analysis.intersect(region, gate.irreversible);
  return stopping === undefined || irreversible === undefined ? undefined : analysis.covers(stopping, irreversible);
}

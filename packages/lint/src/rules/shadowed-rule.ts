import { ROUTES } from '@oversight/core';
import { createRule } from '../rule.js';

/**
 * Under most-restrictive, a rule decides only when no matched rule is stricter
 * (and, at the same route, none comes before it). A rule whose matches always
 * coincide with such a rule's never decides: it is listed in `matched`, but
 * removing it changes no route and no reviewer.
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
      const union = analysis.union(outranking.map((other) => analysis.ruleRegion(other)));
      if (union === undefined || analysis.covers(union, region) !== true) return;
      // Name the one rule that outranks it alone when there is one; else every rule that takes part.
      const alone = outranking.find((other) => analysis.covers(analysis.ruleRegion(other)!, region) === true);
      const by = (alone === undefined ? outranking.filter((other) => analysis.overlaps(analysis.ruleRegion(other)!, region) === true) : [alone]).map((other) => `'${rules[other]!.id}'`);
      context.report({ messageId: 'shadowed', data: { rule: rule.id, route: rule.route, by: by.join(', ') }, path: ['spec', 'rules', index, 'id'] });
    });
  },
});

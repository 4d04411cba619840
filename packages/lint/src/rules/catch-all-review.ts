import { HUMAN_ROUTES } from '@oversight/core';
import { UNIVERSE } from '../analysis/domain.js';
import { createRule } from '../rule.js';

/**
 * The approval-fatigue mistake: a review everyone gets trains reviewers to
 * click through. "Nearly everything" is the whole declared domain but a set
 * of measure zero (single values of a continuous number, e.g. `amount > 0`
 * where amount may be 0); a share such as "99% of amounts" is not judged,
 * because the declared range says nothing about how actions are distributed.
 */
export const catchAllReview = createRule({
  meta: {
    id: 'catch-all-review',
    category: 'review',
    defaultSeverity: 'warning',
    messages: {
      always:
        "rule '{{rule}}' sends every action to a person ({{route}}): a review everyone gets trains reviewers to click through. Narrow it to the cases that need a person, or set spec.default on purpose instead",
      nearly:
        "rule '{{rule}}' sends nearly every action to a person ({{route}}): it misses only single values of its facts. Narrow it to the cases that need a person, or set spec.default on purpose instead",
    },
    docs: { description: 'No rule with a human route is true for every action (or every action but single values) in the facts\' declared domain.' },
  },
  check(context) {
    const { policy, analysis } = context;
    policy.spec.rules.forEach((rule, index) => {
      if (!HUMAN_ROUTES.includes(rule.route)) return;
      const region = analysis.ruleRegion(index);
      if (region === undefined || analysis.isEmpty(region)) return;
      const always = analysis.covers(region, UNIVERSE) === true;
      if (!always && analysis.coversNearlyEverything(region) !== true) return;
      context.report({ messageId: always ? 'always' : 'nearly', data: { rule: rule.id, route: rule.route }, path: ['spec', 'rules', index, 'when'], on: 'key' });
    });
  },
});

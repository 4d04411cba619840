import { createRule } from '../rule.js';

/** Under first-match, a rule whose every match is taken by the rules above it never decides anything. */
export const unreachableRule = createRule({
  meta: {
    id: 'unreachable-rule',
    category: 'logic',
    defaultSeverity: 'error',
    messages: {
      covered:
        "rule '{{rule}}' can never decide: under first-match every action it matches is matched first by {{by}}. Move it above them, narrow them, or delete it",
    },
    docs: { description: 'Under `first-match`, no rule is fully covered by the rules above it (decided over numeric intervals and value sets, not text).' },
  },
  check(context) {
    const { policy, analysis } = context;
    if (policy.spec.strategy !== 'first-match') return;
    const regions = policy.spec.rules.map((_, index) => analysis.ruleRegion(index));
    regions.forEach((region, index) => {
      if (index === 0 || region === undefined || analysis.isEmpty(region)) return;
      const earlier = regions.slice(0, index);
      const union = analysis.union(earlier);
      if (union === undefined || analysis.covers(union, region) !== true) return;
      // Name the one rule that covers it alone when there is one; else every rule that takes part.
      const alone = earlier.findIndex((other) => other !== undefined && analysis.covers(other, region) === true);
      const by = earlier.flatMap((other, i) => ((alone === -1 ? other !== undefined && analysis.overlaps(other, region) === true : i === alone) ? [`'${policy.spec.rules[i]!.id}'`] : []));
      context.report({ messageId: 'covered', data: { rule: policy.spec.rules[index]!.id, by: by.join(', ') }, path: ['spec', 'rules', index, 'id'] });
    });
  },
});

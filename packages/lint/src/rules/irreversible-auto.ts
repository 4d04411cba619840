import { irreversibleRegions, isExempt, isGatedRoute } from '../analysis/irreversible-gate.js';
import { createRule } from '../rule.js';

/**
 * An irreversible action runs before a person approves it (auto, or
 * review_after: a person looks only afterwards) only when nothing gates it.
 * With an `irreversible` fact declared, the evaluator's gate lifts every
 * unexempt auto or review_after decision on an irreversible action to
 * approve_before, so a rule (or default) that leans on the gate is safe; what
 * is not is a policy that reaches those routes with no gate at all, and an
 * unexempt rule that only ever matches irreversible actions (the gate
 * overrides it every time, so it cannot do what it says).
 */
export const irreversibleAuto = createRule({
  meta: {
    id: 'irreversible-auto',
    category: 'safety',
    defaultSeverity: 'error',
    messages: {
      noGate:
        "rule '{{rule}}' is {{route}}: it runs actions before a person approves them, but the policy declares no irreversible fact, so nothing stops an irreversible action from running: declare irreversible: { type: boolean } under spec.facts and send it with every action",
      noGateDefault:
        'default: {{route}} runs every action no rule matches before a person approves it, but the policy declares no irreversible fact, so nothing stops an irreversible action from running: declare irreversible: { type: boolean } under spec.facts and send it with every action, or make the default a route that waits for a person',
      onlyIrreversible:
        "rule '{{rule}}' is {{route}} but matches only irreversible actions, which the irreversible gate sends to approve_before: route it to a person, or add exempt: [irreversible] with a justification",
    },
    docs: {
      description:
        'No irreversible action can run before a person approves it unless a rule exempts it: `auto` and `review_after` (rules and `default`) need the irreversible gate, and an unexempt such rule must match some reversible action.',
    },
  },
  check(context) {
    const { policy, analysis } = context;
    const gate = irreversibleRegions(policy, analysis);
    policy.spec.rules.forEach((rule, index) => {
      if (!isGatedRoute(rule.route) || isExempt(rule)) return;
      const path = ['spec', 'rules', index, 'route'];
      const data = { rule: rule.id, route: rule.route };
      if (gate === undefined) {
        context.report({ messageId: 'noGate', data, path });
        return;
      }
      const region = analysis.ruleRegion(index);
      if (region === undefined || gate.irreversible === undefined || analysis.isEmpty(region)) return;
      if (analysis.covers(gate.irreversible, region) === true) context.report({ messageId: 'onlyIrreversible', data, path });
    });
    // The default is never exempt, so with a gate it is always lifted; an implicit default is approve_before.
    const fallback = policy.spec.default;
    if (fallback !== undefined && isGatedRoute(fallback) && gate === undefined) {
      context.report({ messageId: 'noGateDefault', data: { route: fallback }, path: ['spec', 'default'] });
    }
  },
});

import type { Condition } from '@oversight/core';
import { createRule } from '../rule.js';

const IRREVERSIBLE: Condition = { fact: 'irreversible', operator: 'equal', value: true };

/**
 * An irreversible action reaches `auto` only through a rule when nothing gates
 * it. With an `irreversible` fact declared, the evaluator's gate lifts every
 * unexempt auto match of an irreversible action to approve_before, so an auto
 * rule that leans on the gate is safe; what is not is a policy with auto rules
 * and no gate at all, and an auto rule that only ever matches irreversible
 * actions (the gate overrides it every time, so it cannot do what it says).
 */
export const irreversibleAuto = createRule({
  meta: {
    id: 'irreversible-auto',
    category: 'safety',
    defaultSeverity: 'error',
    messages: {
      noGate:
        "rule '{{rule}}' runs actions alone, but the policy declares no irreversible fact, so nothing stops an irreversible action from running: declare irreversible: { type: boolean } under spec.facts and send it with every action",
      onlyIrreversible:
        "rule '{{rule}}' is auto but matches only irreversible actions, which the irreversible gate sends to approve_before: route it to a person, or add exempt: [irreversible] with a justification",
    },
    docs: { description: 'No irreversible action can run without a person unless a rule exempts it: auto rules need the irreversible gate, and an unexempt auto rule must match some reversible action.' },
  },
  check(context) {
    const { policy, analysis } = context;
    const gated = Object.hasOwn(policy.spec.facts, 'irreversible');
    const irreversible = gated ? analysis.conditionRegion(IRREVERSIBLE) : undefined;
    policy.spec.rules.forEach((rule, index) => {
      if (rule.route !== 'auto' || rule.exempt?.includes('irreversible')) return;
      const path = ['spec', 'rules', index, 'route'];
      if (!gated) {
        context.report({ messageId: 'noGate', data: { rule: rule.id }, path });
        return;
      }
      const region = analysis.ruleRegion(index);
      if (region === undefined || irreversible === undefined || analysis.isEmpty(region)) return;
      if (analysis.covers(irreversible, region) === true) context.report({ messageId: 'onlyIrreversible', data: { rule: rule.id }, path });
    });
  },
});

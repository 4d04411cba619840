import { isGatedRoute } from '../analysis/irreversible-gate.js';
import { createRule } from '../rule.js';

/**
 * Every exemption from the irreversible gate, on every run, so the reviewers
 * of a change see each one and its reason; and an exemption on a route the
 * gate never lifts, which does nothing but suggests it does.
 */
export const irreversibleExemption = createRule({
  meta: {
    id: 'irreversible-exemption',
    category: 'safety',
    defaultSeverity: 'warning',
    messages: {
      exempt:
        "rule '{{rule}}' runs irreversible actions {{how}} (exempt: [irreversible]); justification: \"{{justification}}\" Confirm it still holds: every exemption is shown on purpose",
      inert:
        "rule '{{rule}}' is {{route}}, which waits for a person or never runs, so the irreversible gate (it lifts only auto and review_after) never applies and exempt: [irreversible] does nothing: delete exempt and justification",
    },
    docs: {
      description:
        'Each `exempt: [irreversible]` is reported with its justification, so every exemption stays visible in review; one on a route the gate never lifts (`approve_before`, `escalate`, `deny`) is reported as doing nothing.',
    },
  },
  check(context) {
    context.policy.spec.rules.forEach((rule, index) => {
      if (!rule.exempt?.includes('irreversible')) return;
      const path = ['spec', 'rules', index, 'exempt'];
      if (!isGatedRoute(rule.route)) {
        context.report({ messageId: 'inert', data: { rule: rule.id, route: rule.route }, path });
        return;
      }
      const how = rule.route === 'auto' ? 'without a person' : 'before a person approves them, with only a review after they run';
      const justification = (rule.justification ?? '').trim().replace(/\s+/g, ' ');
      context.report({ messageId: 'exempt', data: { rule: rule.id, how, justification }, path });
    });
  },
});

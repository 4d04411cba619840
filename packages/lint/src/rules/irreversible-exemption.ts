import { createRule } from '../rule.js';

/** Every exemption from the irreversible gate, on every run, so the reviewers of a change see each one and its reason. */
export const irreversibleExemption = createRule({
  meta: {
    id: 'irreversible-exemption',
    category: 'safety',
    defaultSeverity: 'warning',
    messages: {
      exempt:
        "rule '{{rule}}' runs irreversible actions without a person (exempt: [irreversible]); justification: \"{{justification}}\" Confirm it still holds: every exemption is shown on purpose",
    },
    docs: { description: 'Each `exempt: [irreversible]` is reported with its justification, so every exemption stays visible in review.' },
  },
  check(context) {
    context.policy.spec.rules.forEach((rule, index) => {
      if (!rule.exempt?.includes('irreversible')) return;
      const justification = (rule.justification ?? '').trim().replace(/\s+/g, ' ');
      context.report({ messageId: 'exempt', data: { rule: rule.id, justification }, path: ['spec', 'rules', index, 'exempt'] });
    });
  },
});

import { HUMAN_ROUTES } from '@oversight/core';
import { createRule } from '../rule.js';

export const missingReviewer = createRule({
  meta: {
    id: 'missing-reviewer',
    category: 'review',
    defaultSeverity: 'error',
    messages: {
      missing: "rule '{{rule}}' sends actions to a person ({{route}}) but names no reviewer: add reviewer: <role> from spec.reviewers, so someone is accountable and an SLA applies",
    },
    docs: { description: 'Every rule with a human route (`review_after`, `approve_before`, `escalate`) names an accountable reviewer role.' },
  },
  check(context) {
    context.policy.spec.rules.forEach((rule, index) => {
      if (HUMAN_ROUTES.includes(rule.route) && rule.reviewer === undefined) {
        context.report({ messageId: 'missing', data: { rule: rule.id, route: rule.route }, path: ['spec', 'rules', index, 'route'] });
      }
    });
  },
});

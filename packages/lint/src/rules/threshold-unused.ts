import { forEachLeaf, isThresholdRef } from '@oversight/core/internal';
import { createRule } from '../rule.js';

export const thresholdUnused = createRule({
  meta: {
    id: 'threshold-unused',
    category: 'maintenance',
    defaultSeverity: 'warning',
    messages: {
      unused: "threshold '{{name}}' is declared but no condition uses it: compare with it (value: { threshold: {{name}} }) or delete it",
    },
    docs: { description: 'Every declared threshold is used by some condition: a sweep over an unused threshold changes nothing.' },
  },
  check(context) {
    const used = new Set<string>();
    context.policy.spec.rules.forEach((rule) => forEachLeaf(rule.when, [], (leaf) => isThresholdRef(leaf.value) && used.add(leaf.value.threshold)));
    for (const name of Object.keys(context.policy.spec.thresholds ?? {})) {
      if (!used.has(name)) context.report({ messageId: 'unused', data: { name }, path: ['spec', 'thresholds', name], on: 'key' });
    }
  },
});

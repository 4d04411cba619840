import type { Condition } from '@oversight/core';
import type { PathSegment } from '@oversight/core/internal';
import { createRule, type PolicyContext } from '../rule.js';

type MessageId = 'never' | 'leafNever';

/**
 * Reports the innermost part of a condition that can never be true, so the
 * message points at the conflict itself rather than at every `all` around it.
 */
export const contradictoryCondition = createRule({
  meta: {
    id: 'contradictory-condition',
    category: 'logic',
    defaultSeverity: 'error',
    messages: {
      never: "this {{kind}} can never be true (its parts exclude each other), so this part of rule '{{rule}}' has no effect: fix the values, or delete it",
      leafNever:
        "fact '{{fact}}' can never satisfy {{operator}} {{value}} within its declared schema (type, enum, minimum, maximum), so this comparison in rule '{{rule}}' is never true: fix the value or the fact's schema",
    },
    docs: { description: 'Every condition can be true for some action: no `all` whose parts exclude each other, no value outside the fact\'s declared enum or range.' },
  },
  check(context) {
    context.policy.spec.rules.forEach((rule, index) => {
      reportNever(context, rule.id, rule.when, ['spec', 'rules', index, 'when']);
    });
  },
});

/** Reports the innermost conditions that can never hold; returns whether it reported any. */
function reportNever(context: PolicyContext<MessageId>, rule: string, condition: Condition, path: readonly PathSegment[]): boolean {
  let reported = false;
  if ('all' in condition) condition.all.forEach((c, i) => (reported = reportNever(context, rule, c, [...path, 'all', i]) || reported));
  else if ('any' in condition) condition.any.forEach((c, i) => (reported = reportNever(context, rule, c, [...path, 'any', i]) || reported));
  else if ('not' in condition) reported = reportNever(context, rule, condition.not, [...path, 'not']);
  if (reported) return true;
  const region = context.analysis.conditionRegion(condition);
  if (region === undefined || !context.analysis.isEmpty(region)) return false;
  if ('fact' in condition) {
    const value = JSON.stringify(condition.value);
    context.report({ messageId: 'leafNever', data: { rule, fact: condition.fact, operator: condition.operator, value }, path });
  } else {
    const kind = 'all' in condition ? 'all' : 'any' in condition ? 'any' : 'not';
    context.report({ messageId: 'never', data: { rule, kind }, path: [...path, kind], on: 'key' });
  }
  return true;
}

import { createRule } from '../rule.js';

/** A threshold's min and max bound what the simulator and `--threshold` may try; its own value must respect them too. */
export const thresholdOutOfRange = createRule({
  meta: {
    id: 'threshold-out-of-range',
    category: 'maintenance',
    defaultSeverity: 'error',
    messages: {
      outside: "threshold '{{name}}' is {{value}}, outside its declared range {{range}}: move the value into the range, or widen the range on purpose",
    },
    docs: { description: "A threshold's `value` lies within its declared `min` and `max`." },
  },
  check(context) {
    for (const [name, threshold] of Object.entries(context.policy.spec.thresholds ?? {})) {
      const below = threshold.min !== undefined && threshold.value < threshold.min;
      const above = threshold.max !== undefined && threshold.value > threshold.max;
      if (!below && !above) continue;
      const range = `${threshold.min ?? '-∞'}..${threshold.max ?? '∞'}`;
      context.report({ messageId: 'outside', data: { name, value: threshold.value, range }, path: ['spec', 'thresholds', name, 'value'] });
    }
  },
});

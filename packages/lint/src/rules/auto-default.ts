import { createDocumentRule } from '../rule.js';

/**
 * Reads the raw data, not the validated policy: `onError: auto` is a schema
 * error, and this rule says why it matters (the schema error on the same node
 * gives way to it).
 */
export const autoDefault = createDocumentRule({
  meta: {
    id: 'auto-default',
    category: 'safety',
    defaultSeverity: 'error',
    messages: {
      default:
        'default: auto runs every action no rule matched without a person (fail open): use approve_before or another human route, and write auto rules for what may run alone',
      onError:
        'onError: auto would run actions that could not be evaluated (fail open): use approve_before or escalate',
    },
    docs: { description: 'Neither `default` nor `onError` is `auto`: an action no rule matched, or one that could not be evaluated, must not run alone.' },
  },
  check(context) {
    const spec = (context.inspection.data as { spec?: Record<string, unknown> } | undefined)?.spec;
    if (typeof spec !== 'object' || spec === null) return;
    if (spec.default === 'auto') context.report({ messageId: 'default', path: ['spec', 'default'] });
    if (spec.onError === 'auto') context.report({ messageId: 'onError', path: ['spec', 'onError'] });
  },
});

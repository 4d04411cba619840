import { createDocumentRule } from '../rule.js';

/** Reported by the runner, which alone sees which directives suppressed something. */
export const unusedDisable = createDocumentRule({
  meta: {
    id: 'unused-disable',
    category: 'directive',
    defaultSeverity: 'warning',
    messages: {
      unused: "'{{id}}' reports nothing on the next line: remove it from this disable comment",
      unknown: "'{{id}}' is not a lint rule: fix the id or remove it from this disable comment",
    },
    docs: { description: 'Every rule an inline disable names reports something on the next line; a stale disable would silence a future finding.' },
  },
  check() {},
});

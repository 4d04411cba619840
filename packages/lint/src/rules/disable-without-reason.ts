import { createDocumentRule } from '../rule.js';

/** Reported by the runner, which alone sees the inline directives; this entry gives the finding its id, severity and doc. */
export const disableWithoutReason = createDocumentRule({
  meta: {
    id: 'disable-without-reason',
    category: 'directive',
    defaultSeverity: 'warning',
    messages: {
      missing: 'this disable gives no reason: write `# oversight-lint-disable-next-line {{ids}} -- why it is safe here`',
    },
    docs: { description: 'Every `# oversight-lint-disable-next-line` states its reason after ` -- `.' },
  },
  check() {},
});

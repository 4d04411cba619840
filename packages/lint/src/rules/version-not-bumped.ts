import { policyHash } from '@oversight/core';
import { inspectPolicy } from '@oversight/core/internal';
import { createRule } from '../rule.js';

/**
 * Decisions carry the policy's name and version: two contents under one
 * version make history ambiguous. Runs only with a base revision (`--base`),
 * and only when both sides load; a new file has nothing to compare with.
 */
export const versionNotBumped = createRule({
  meta: {
    id: 'version-not-bumped',
    category: 'maintenance',
    defaultSeverity: 'error',
    fixable: true,
    messages: {
      notBumped:
        'the policy changed since the base revision but metadata.version is still {{version}}: bump it to {{next}} (oversight lint --fix does), so decisions name the content they came from',
    },
    docs: { description: 'With `--base <gitref>`: when the policy content differs from the base revision, `metadata.version` is higher than the base\'s.' },
  },
  check(context) {
    if (context.baseText === undefined) return;
    const base = inspectPolicy(context.baseText, context.file);
    if (base.policy === undefined || base.diagnostics.length > 0) return;
    const { policy } = context;
    if (policyHash(policy) === policyHash(base.policy) || policy.metadata.version > base.policy.metadata.version) return;
    const next = base.policy.metadata.version + 1;
    const range = context.locate(['metadata', 'version']);
    context.report({
      messageId: 'notBumped',
      data: { version: policy.metadata.version, next },
      path: ['metadata', 'version'],
      fix: { description: `set metadata.version to ${next}`, edits: [{ range, text: String(next) }] },
    });
  },
});

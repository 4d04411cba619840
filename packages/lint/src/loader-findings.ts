import type { Diagnostic } from '@oversight/core';
import { createDocumentRule, type Category, type LintRule } from './rule.js';

/** Loader diagnostics that a lint rule of the same id reports; every other loader finding is `valid-policy`'s. */
export const RULE_OWNED_LOADER_IDS: ReadonlySet<string> = new Set(['duplicate-id', 'undeclared-fact', 'undeclared-threshold']);

/** The loader's diagnostics with this id, or, for `valid-policy`, those no other rule owns. */
function loaderFindings(diagnostics: readonly Diagnostic[], ruleId: string): Diagnostic[] {
  if (ruleId === 'valid-policy') return diagnostics.filter((d) => !RULE_OWNED_LOADER_IDS.has(d.ruleId));
  return diagnostics.filter((d) => d.ruleId === ruleId);
}

/**
 * A rule that reports what the loader already found, at the loader's position
 * and in its words (which name the fix): one checker, so `oversight eval` and
 * `oversight lint` never disagree about what is wrong.
 */
export function createLoaderRule(meta: { id: string; category: Category; description: string }): LintRule {
  return createDocumentRule({
    meta: { id: meta.id, category: meta.category, defaultSeverity: 'error', messages: { loader: '{{message}}' }, docs: { description: meta.description } },
    check(context) {
      for (const finding of loaderFindings(context.inspection.diagnostics, meta.id)) {
        context.report({ messageId: 'loader', data: { message: finding.message }, range: finding.range });
      }
    },
  });
}

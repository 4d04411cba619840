// The public API of @oversight/lint. Everything else in this package is internal.
export { lintPolicy } from './lint-policy.js';
export type { LintOptions, LintResult } from './lint-policy.js';
export { applyFixes } from './fix.js';
export { RULES } from './rules/index.js';
// Rule authoring (createRule, categories) stays inside the package until custom
// rules are a supported extension point; a user reads rules, not writes them.
export { ruleDocsUrl } from './rule.js';
export type { Category, LintDiagnostic, LintFix, LintRule, RuleMeta, Severity, SeveritySetting, TextEdit } from './rule.js';
export { CONFIG_FILE_NAMES, lintConfigSchema, parseLintConfig } from './config.js';
export type { ConfigRead, LintConfig } from './config.js';

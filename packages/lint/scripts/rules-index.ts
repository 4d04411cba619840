import { CATEGORIES, type LintRule } from '../src/rule.js';

const HEADER = `# Lint rules

<!-- Generated from the rules' meta by packages/lint/scripts/generate-rules-docs.ts; do not edit. -->

Every rule \`oversight lint\` runs, by category. Set a rule's severity (\`error\`,
\`warning\`, \`off\`) in \`oversight.config.yaml\`; see [the linter guide](../lint.md).
`;

/** docs/rules/README.md, from the rules' meta: one table a category, rules in registry order. */
export function renderRulesIndex(rules: readonly LintRule[]): string {
  const sections = CATEGORIES.flatMap((category) => {
    const inCategory = rules.filter((rule) => rule.meta.category === category);
    if (inCategory.length === 0) return [];
    const rows = inCategory.map(({ meta }) => `| [\`${meta.id}\`](${meta.id}.md) | ${meta.docs.description} | \`${meta.defaultSeverity}\` | ${meta.fixable === true ? 'yes' : ''} |`);
    return [`## ${category}`, '', '| rule | checks that | default | fixable |', '|---|---|---|---|', ...rows, ''];
  });
  return [HEADER, ...sections].join('\n');
}

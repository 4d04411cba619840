import type { LintFormatter } from './lint-formatter.js';

const LEVEL = { error: 'error', warning: 'warning' } as const;

/**
 * SARIF 2.1.0, for code scanning (GitHub, Azure DevOps). File paths stay
 * relative to the run's directory (`%SRCROOT%`), and each rule's doc is named
 * in its help text: SARIF wants absolute help URIs, and the docs live in the repository.
 */
export const formatSarif: LintFormatter = ({ results, rules, version }) => {
  const ruleIndex = new Map(rules.map((rule, index) => [rule.meta.id, index]));
  const sarifResults = results.flatMap((result) =>
    result.diagnostics.map((d) => ({
      ruleId: d.ruleId,
      ...(ruleIndex.has(d.ruleId) ? { ruleIndex: ruleIndex.get(d.ruleId) } : {}),
      level: LEVEL[d.severity],
      message: { text: d.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: encodeURI(d.file.replace(/\\/g, '/')), uriBaseId: '%SRCROOT%' },
            region: { startLine: d.range.start.line, startColumn: d.range.start.column, endLine: d.range.end.line, endColumn: d.range.end.column },
          },
        },
      ],
    })),
  );
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'oversight-lint',
            semanticVersion: version,
            rules: rules.map((rule) => ({
              id: rule.meta.id,
              shortDescription: { text: rule.meta.docs.description },
              help: { text: `${rule.meta.docs.description} See docs/rules/${rule.meta.id}.md.` },
              defaultConfiguration: { level: LEVEL[rule.meta.defaultSeverity] },
              properties: { category: rule.meta.category },
            })),
          },
        },
        results: sarifResults,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
};

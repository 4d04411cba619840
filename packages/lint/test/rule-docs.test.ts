// Two-way consistency between the rules and docs/rules: every rule has a doc
// that states its meta, every doc has a rule, the index is fresh, and each
// doc's examples run: "Incorrect" must produce the rule's finding, "Correct" must not.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lintPolicy, RULES } from '../src/index.js';
import { renderRulesIndex } from '../scripts/rules-index.js';
import { NOW } from './policy-text.js';

const docsDir = new URL('../../../docs/rules/', import.meta.url);
const docFiles = readdirSync(docsDir).filter((file) => file.endsWith('.md') && file !== 'README.md');

/** The first ```yaml block under `## heading`, or undefined. */
function example(doc: string, heading: string): string | undefined {
  const section = doc.split(/^## /m).find((part) => part.startsWith(`${heading}\n`));
  return section === undefined ? undefined : /```yaml\n([\s\S]*?)```/.exec(section)?.[1];
}

describe('rule docs', () => {
  it('has a doc for every rule, and a rule for every doc', () => {
    expect(docFiles.map((file) => file.replace(/\.md$/, '')).sort()).toEqual(RULES.map((rule) => rule.meta.id).sort());
  });

  it('keeps docs/rules/README.md generated from the rules (pnpm docs:check)', () => {
    expect(readFileSync(new URL('README.md', docsDir), 'utf8')).toBe(renderRulesIndex(RULES));
  });

  for (const { meta } of RULES) {
    describe(meta.id, () => {
      const doc = readFileSync(new URL(`${meta.id}.md`, docsDir), 'utf8');
      const lint = (text: string) => lintPolicy(text, `docs/rules/${meta.id}.md`, { now: NOW, baseText: example(doc, 'Base revision') }).diagnostics;

      it('states its id, description, category and severity as the meta does', () => {
        expect(doc.split('\n')[0]).toBe(`# \`${meta.id}\``);
        expect(doc).toContain(`> ${meta.docs.description}\n`);
        expect(doc).toContain(`| \`${meta.category}\` | \`${meta.defaultSeverity}\` |`);
      });

      it('reports its Incorrect example', () => {
        const text = example(doc, 'Incorrect');
        expect(text, 'an Incorrect yaml block').toBeDefined();
        expect(lint(text!).map((d) => d.ruleId)).toContain(meta.id);
      });

      it('does not report its Correct example', () => {
        const text = example(doc, 'Correct');
        expect(text, 'a Correct yaml block').toBeDefined();
        expect(lint(text!).filter((d) => d.ruleId === meta.id)).toEqual([]);
      });
    });
  }
});

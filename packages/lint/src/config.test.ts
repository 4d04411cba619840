import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lintConfigSchema, parseLintConfig } from './config.js';

describe('lint configuration', () => {
  it('is validated against the same schema as schemas/lint-config.schema.json', () => {
    const published: unknown = JSON.parse(readFileSync(new URL('../../../schemas/lint-config.schema.json', import.meta.url), 'utf8'));
    expect(lintConfigSchema).toEqual(published);
  });

  it('reads severities and globs from YAML or JSON', () => {
    expect(parseLintConfig('rules:\n  fact-unused: off\nfiles: ["p/**/*.yaml"]\n', 'c.yaml')).toEqual({ ok: true, config: { rules: { 'fact-unused': 'off' }, files: ['p/**/*.yaml'] } });
    expect(parseLintConfig('{"rules": {"fact-unused": "error"}}', 'c.json')).toEqual({ ok: true, config: { rules: { 'fact-unused': 'error' } } });
  });

  it('reports a bad severity at its value, an unknown field and an unknown rule at their keys', () => {
    const bad = (text: string) => {
      const read = parseLintConfig(text, 'c.yaml');
      return read.ok ? [] : read.diagnostics.map((d) => `${d.range.start.line}:${d.range.start.column} ${d.message}`);
    };
    expect(bad('rules:\n  fact-unused: warn\n')).toEqual(['2:16 rules.fact-unused: must be equal to one of the allowed values (error, warning, off)']);
    expect(bad('rules: {}\nfile: []\n')).toEqual(['2:1 file: must NOT have additional properties']);
    expect(bad('rules:\n  fact-unsed: off\n')).toEqual(["2:3 rules.fact-unsed: 'fact-unsed' is not a lint rule; see docs/rules/README.md for the ids"]);
  });
});

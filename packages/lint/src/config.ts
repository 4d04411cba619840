import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { type Diagnostic, type Range } from '@oversight/core';
import { createSourceMap, formatPath, pointerToPath } from '@oversight/core/internal';
import { LineCounter, parseDocument } from 'yaml';
import { RULES } from './rules/index.js';
import type { SeveritySetting } from './rule.js';

/** `oversight.config.yaml` (or `.json`): what to lint and how strictly. */
export interface LintConfig {
  rules?: Record<string, SeveritySetting>;
  files?: string[];
  ignores?: string[];
}

export const CONFIG_FILE_NAMES = ['oversight.config.yaml', 'oversight.config.yml', 'oversight.config.json'] as const;

/** The same schema as schemas/lint-config.schema.json (config.test.ts keeps them equal), inlined so the built package needs no file. */
export const lintConfigSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://oversight.dev/schemas/lint-config.schema.json',
  title: 'oversight lint configuration (oversight.config.yaml or .json)',
  type: 'object',
  additionalProperties: false,
  properties: {
    rules: {
      description: "Severity per rule id, over the rule's default.",
      type: 'object',
      propertyNames: { pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' },
      additionalProperties: { enum: ['error', 'warning', 'off'] },
    },
    files: {
      description: 'Globs of the policy files to lint when no path is given on the command line.',
      type: 'array',
      minItems: 1,
      items: { type: 'string', minLength: 1 },
    },
    ignores: {
      description: 'Globs never linted. Default: **/*.cases.yaml, **/*.cases.yml, **/*.claims.yaml, **/*.claims.yml.',
      type: 'array',
      items: { type: 'string', minLength: 1 },
    },
  },
} as const;

// Compiled on first use: most runs have no config file.
let configValidator: ValidateFunction | undefined;
const validateConfig = (): ValidateFunction => (configValidator ??= new Ajv2020({ allErrors: true, strict: true }).compile(lintConfigSchema));

export type ConfigRead = { ok: true; config: LintConfig } | { ok: false; diagnostics: Diagnostic[] };

/** Parses and validates a config text (YAML, or JSON, which is YAML); every problem has file, line and column. */
export function parseLintConfig(text: string, file: string): ConfigRead {
  const problem = (message: string, range: Range): Diagnostic => ({ ruleId: 'lint-config', severity: 'error', message, file, range });
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const source = createSourceMap(doc, lineCounter);
  const [yamlError] = doc.errors;
  if (yamlError !== undefined) {
    const { line, col } = lineCounter.linePos(yamlError.pos[0]);
    return { ok: false, diagnostics: [problem(`YAML: ${yamlError.message.split('\n')[0]}`, { start: { line, column: col }, end: { line, column: col } })] };
  }
  const data: unknown = doc.toJS({ maxAliasCount: 50 }) ?? {};
  const validate = validateConfig();
  if (!validate(data)) {
    const diagnostics = (validate.errors ?? []).map((error) => {
      const path = pointerToPath(error.instancePath);
      const key = error.params && 'additionalProperty' in error.params ? String(error.params.additionalProperty) : undefined;
      const where = formatPath(key === undefined ? path : [...path, key]);
      const allowed = error.keyword === 'enum' ? ` (${(error.params.allowedValues as string[]).join(', ')})` : '';
      return problem(`${where}: ${error.message ?? 'is not valid'}${allowed}`, key === undefined ? source.valueRange(path) : source.keyRange([...path, key]));
    });
    return { ok: false, diagnostics };
  }
  const config = data as LintConfig;
  const known = new Set(RULES.map((rule) => rule.meta.id));
  const unknown = Object.keys(config.rules ?? {}).filter((id) => !known.has(id));
  if (unknown.length > 0) {
    return { ok: false, diagnostics: unknown.map((id) => problem(`rules.${id}: '${id}' is not a lint rule; see docs/rules/README.md for the ids`, source.keyRange(['rules', id]))) };
  }
  return { ok: true, config };
}

import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import AjvDraft04 from 'ajv-draft-04';
import { describe, expect, it } from 'vitest';
import { formatSarif } from './sarif.js';
import { sampleReport } from './sample-report.js';

const require = createRequire(import.meta.url);
const schemaPath = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');

describe('formatSarif', () => {
  it('writes a log that validates against the SARIF 2.1.0 schema', () => {
    const validate = new AjvDraft04.default({ strict: false, unicodeRegExp: false, allErrors: true }).compile(JSON.parse(readFileSync(schemaPath, 'utf8')) as object);
    const log: unknown = JSON.parse(formatSarif(sampleReport()));
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
  });

  it('places each result on its file, with 1-based start and end, and points at its rule', () => {
    const log = JSON.parse(formatSarif(sampleReport())) as { runs: [{ tool: { driver: { rules: { id: string }[] } }; results: Record<string, unknown>[] }] };
    const [run] = log.runs;
    const [first] = run.results;
    expect(first).toMatchObject({
      ruleId: 'review-date-passed',
      level: 'warning',
      locations: [{ physicalLocation: { artifactLocation: { uri: 'policies/with,%20problems:%20100%25.yaml' }, region: { startLine: 7, startColumn: 13, endLine: 7, endColumn: 23 } } }],
    });
    expect(run.tool.driver.rules[first!.ruleIndex as number]!.id).toBe('review-date-passed');
  });
});

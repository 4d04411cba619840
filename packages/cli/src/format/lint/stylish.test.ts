import { describe, expect, it } from 'vitest';
import { formatJson } from './json.js';
import { formatStylish } from './stylish.js';
import { sampleReport } from './sample-report.js';

describe('formatStylish', () => {
  it('writes file:line:col, severity, message and rule id, then a summary', () => {
    const lines = formatStylish(sampleReport()).split('\n');
    expect(lines[0]).toMatch(/^policies\/with, problems: 100%\.yaml:7:13 {2}warning {2}metadata\.reviewBy 2026-01-31 has passed .* {2}\(review-date-passed\)$/);
    expect(lines.slice(-2)).toEqual(['2 problems (1 error, 1 warning) in 2 files.', '']);
  });

  it('shows control and bidi characters from a policy (a justification, a file name) as visible escapes', () => {
    const report = sampleReport();
    const [, findings] = report.results;
    const file = 'policies/\u202eevil.yaml';
    const hostile = { ...findings!, file, diagnostics: findings!.diagnostics.map((d) => ({ ...d, file, message: `${d.message} \u001b[2J\u001b]0;pwned\u0007` })) };
    const text = formatStylish({ ...report, results: [hostile] });
    // eslint-disable-next-line no-control-regex -- the control characters are what must not appear
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u202e]/);
    expect(text).toContain('policies/\\u202eevil.yaml');
    expect(text).toContain('\\u001b[2J\\u001b]0;pwned\\u0007');
  });

  it('says so when there is nothing to report', () => {
    const report = sampleReport();
    expect(formatStylish({ ...report, results: [report.results[0]!] })).toBe('No problems in 1 file.\n');
  });
});

describe('formatJson', () => {
  it('writes the counts and every file with its diagnostics', () => {
    const json = JSON.parse(formatJson(sampleReport())) as { errors: number; warnings: number; files: { file: string; diagnostics: unknown[] }[] };
    expect(json.errors).toBe(1);
    expect(json.warnings).toBe(1);
    expect(json.files.map((f) => [f.file, f.diagnostics.length])).toEqual([['policies/clean.yaml', 0], ['policies/with, problems: 100%.yaml', 2]]);
  });
});

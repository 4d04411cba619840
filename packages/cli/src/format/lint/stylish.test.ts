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

import { describe, expect, it } from 'vitest';
import { formatJson } from './json.js';
import { sampleReport } from './sample-report.js';

describe('formatJson (oversight test)', () => {
  it('writes the counts, then every case of every file with what it expected and the decision it got', () => {
    const json = JSON.parse(formatJson(sampleReport())) as Record<string, unknown> & { files: Record<string, unknown>[] };
    expect(json).toMatchObject({ cases: 2, failed: 1, problems: 1 });
    expect(json.files[0]).toMatchObject({ file: 'policies/sample.cases.yaml', policy: 'policies/sample.yaml', cases: 2, failed: 1, problems: [] });
    expect(json.files[0]!.results).toEqual([
      {
        name: 'a small amount runs alone',
        range: { start: { line: 3, column: 11 }, end: { line: 3, column: 36 } },
        passed: true,
        mismatches: [],
        expected: { route: 'auto', matched: ['small'], reviewer: null },
        got: { route: 'auto', matched: ['small'], undecided: [] },
      },
      {
        name: 'a <large> amount & "more" runs alone',
        range: { start: { line: 6, column: 11 }, end: { line: 6, column: 51 } },
        passed: false,
        mismatches: ['expected route auto, got approve_before', 'expected matched [small], got []'],
        expected: { route: 'auto', matched: ['small'] },
        got: { route: 'approve_before', matched: [], undecided: [], reviewer: 'lead' },
      },
    ]);
    expect(json.files[1]).toMatchObject({ file: 'policies/with, odd: 100%.cases.yaml', cases: 0, results: [], problems: [{ ruleId: 'schema', message: 'cases: must NOT have fewer than 1 items' }] });
  });
});

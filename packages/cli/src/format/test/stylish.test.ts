import { describe, expect, it } from 'vitest';
import { formatStylish } from './stylish.js';
import { sampleReport } from './sample-report.js';

describe('formatStylish (oversight test)', () => {
  it('writes each failed case on its name and each problem where it is, then the counts', () => {
    expect(formatStylish(sampleReport())).toBe(
      [
        `policies/sample.cases.yaml:6:11  error  case 'a <large> amount & "more" runs alone': expected route auto, got approve_before; expected matched [small], got []  (failing-case)`,
        'policies/with, odd: 100%.cases.yaml:2:8  error  cases: must NOT have fewer than 1 items  (schema)',
        '',
        '2 cases, 1 failed in 1 file; 1 file could not be run.',
        '',
      ].join('\n'),
    );
  });

  it('only counts the cases when every one passed', () => {
    const [sample] = sampleReport().files;
    expect(formatStylish({ files: [{ ...sample!, results: sample!.results.slice(0, 1) }] })).toBe('1 case passed in 1 file.\n');
  });

  it('says no case ran when no file could run', () => {
    const [, broken] = sampleReport().files;
    expect(formatStylish({ files: [broken!] }).split('\n').slice(-2)).toEqual(['1 file could not be run; no case ran.', '']);
  });

  it('shows control characters in a case name as visible escapes', () => {
    const [sample] = sampleReport().files;
    const [, failing] = sample!.results;
    const hostile = { ...failing!, case: { ...failing!.case, name: 'evil\u001b[2J\u202e' } };
    const text = formatStylish({ files: [{ ...sample!, results: [hostile] }] });
    // eslint-disable-next-line no-control-regex -- the control characters are what must not appear
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u202e]/);
    expect(text).toContain("case 'evil\\u001b[2J\\u202e'");
  });
});

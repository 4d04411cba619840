import { describe, expect, it } from 'vitest';
import { formatGithub } from './github.js';
import { sampleReport } from './sample-report.js';

describe('formatGithub (oversight test)', () => {
  it('annotates a failed case on its name and a problem where it is, escaping properties', () => {
    expect(formatGithub(sampleReport()).split('\n')).toEqual([
      `::error file=policies/sample.cases.yaml,line=6,col=11,endLine=6,endColumn=51,title=failing-case::case 'a <large> amount & "more" runs alone': expected route auto, got approve_before; expected matched [small], got []`,
      '::error file=policies/with%2C odd%3A 100%25.cases.yaml,line=2,col=8,endLine=2,endColumn=10,title=schema::cases: must NOT have fewer than 1 items',
      '',
    ]);
  });

  it('writes nothing when every case passed', () => {
    const [sample] = sampleReport().files;
    expect(formatGithub({ files: [{ ...sample!, results: sample!.results.slice(0, 1) }] })).toBe('');
  });
});

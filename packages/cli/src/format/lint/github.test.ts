import { describe, expect, it } from 'vitest';
import { formatGithub } from './github.js';
import { sampleReport } from './sample-report.js';

describe('formatGithub', () => {
  it('writes one annotation a finding, escaping % , and : in properties and % in the message', () => {
    expect(formatGithub(sampleReport()).split('\n')[0]).toBe(
      '::warning file=policies/with%2C problems%3A 100%25.yaml,line=7,col=13,endLine=7,endColumn=23,title=review-date-passed::metadata.reviewBy 2026-01-31 has passed (today is 2026-10-03): revisit the thresholds against recent history (oversight sweep), then set the next review date',
    );
  });

  it('uses ::error for errors', () => {
    expect(formatGithub(sampleReport())).toContain('::error file=policies/with%2C problems%3A 100%25.yaml,line=19,col=14,endLine=19,endColumn=28,title=missing-reviewer::');
  });
});

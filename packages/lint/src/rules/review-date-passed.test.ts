import { describe, expect, it } from 'vitest';
import { at, lintWith, policyText } from '../../test/policy-text.js';
import { reviewDatePassed } from './review-date-passed.js';

const rules = '    - id: a\n      when: { fact: amount, operator: greaterThan, value: 100 }\n      route: deny\n';
const withReviewBy = (date: string) => policyText({ rules }).replace('  owner: test-team\n', `  owner: test-team\n  reviewBy: ${date}\n`);

describe('review-date-passed', () => {
  it('reports a review date before the injected clock, at the date', () => {
    const [finding] = lintWith(reviewDatePassed, withReviewBy('2026-10-02'));
    expect(finding?.message).toBe(
      'metadata.reviewBy 2026-10-02 has passed (today is 2026-10-03): revisit the thresholds against recent history (oversight sweep), then set the next review date',
    );
    expect(at(finding)).toBe('7:13-7:23');
  });

  it('does not report today or a later date', () => {
    expect(lintWith(reviewDatePassed, withReviewBy('2026-10-03'))).toEqual([]);
    expect(lintWith(reviewDatePassed, withReviewBy('2026-10-02'), { now: new Date('2026-10-01T00:00:00Z') })).toEqual([]);
  });
});

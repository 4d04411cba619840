import { createRule } from '../rule.js';

/** Thresholds are revisited on a schedule; the clock is the caller's (`--now`), so a run is reproducible. */
export const reviewDatePassed = createRule({
  meta: {
    id: 'review-date-passed',
    category: 'maintenance',
    defaultSeverity: 'warning',
    messages: {
      passed: 'metadata.reviewBy {{date}} has passed (today is {{today}}): revisit the thresholds against recent history (oversight sweep), then set the next review date',
    },
    docs: { description: '`metadata.reviewBy` is not in the past: a policy\'s thresholds are revisited by the date it promises.' },
  },
  check(context) {
    const date = context.policy.metadata.reviewBy;
    const today = context.now.toISOString().slice(0, 10);
    // Both are YYYY-MM-DD, so text order is date order.
    if (date !== undefined && date < today) context.report({ messageId: 'passed', data: { date, today }, path: ['metadata', 'reviewBy'] });
  },
});

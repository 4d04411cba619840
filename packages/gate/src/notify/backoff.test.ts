import { describe, expect, it } from 'vitest';
import { backoffDelay, DEFAULT_BACKOFF, retryAfterMs } from './backoff.js';

describe('backoffDelay', () => {
  it('grows by the factor up to maxMs, with the jitter drawn below the cap', () => {
    const top = () => 0.999999;
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((retry) => backoffDelay(retry, DEFAULT_BACKOFF, top))).toEqual([499, 999, 1999, 3999, 7999, 15999, 29999, 29999]);
    expect(backoffDelay(3, DEFAULT_BACKOFF, () => 0)).toBe(0);
    expect(backoffDelay(3, DEFAULT_BACKOFF, () => 0.5)).toBe(1000);
  });
});

describe('retryAfterMs', () => {
  const now = Date.parse('2025-01-01T00:00:00Z');

  it('reads delay-seconds, capped at maxMs', () => {
    expect(retryAfterMs('7', now, 30_000)).toBe(7000);
    expect(retryAfterMs('0', now, 30_000)).toBe(0);
    expect(retryAfterMs('3600', now, 30_000)).toBe(30_000);
  });

  it('reads an HTTP date relative to now', () => {
    expect(retryAfterMs('Wed, 01 Jan 2025 00:00:12 GMT', now, 30_000)).toBe(12_000);
    expect(retryAfterMs('Tue, 31 Dec 2024 23:00:00 GMT', now, 30_000)).toBe(0);
  });

  it('ignores an absent or unreadable header', () => {
    expect(retryAfterMs(null, now, 30_000)).toBeUndefined();
    expect(retryAfterMs('', now, 30_000)).toBeUndefined();
    expect(retryAfterMs('soon', now, 30_000)).toBeUndefined();
    expect(retryAfterMs('-5', now, 30_000)).toBeUndefined();
  });
});

// How long to wait before the next attempt at a delivery.

export interface BackoffOptions {
  /** The cap on the wait before the first retry. */
  initialMs: number;
  /** The cap on any wait, a receiver's retry-after included. */
  maxMs: number;
  /** How much the cap grows with each retry. */
  factor: number;
}

export const DEFAULT_BACKOFF: Readonly<BackoffOptions> = { initialMs: 500, maxMs: 30_000, factor: 2 };

/**
 * The wait before retry number `retry` (1 for the first retry): "full jitter", a
 * uniform draw up to the exponential cap, so many gates that failed together do
 * not all hit a recovering receiver at the same instant.
 */
export function backoffDelay(retry: number, backoff: BackoffOptions, random: () => number): number {
  const cap = Math.min(backoff.maxMs, backoff.initialMs * backoff.factor ** Math.max(0, retry - 1));
  return Math.floor(random() * cap);
}

/**
 * The wait a `retry-after` header asks for (delay-seconds, or an HTTP date),
 * capped at `maxMs` so a receiver cannot park a delivery indefinitely; undefined
 * when absent or unreadable, and the usual backoff applies.
 */
export function retryAfterMs(header: string | null | undefined, nowMs: number, maxMs: number): number | undefined {
  const value = header?.trim();
  if (!value) return undefined;
  let ms: number;
  if (/^\d+$/.test(value)) ms = Number(value) * 1000;
  else {
    // Every HTTP-date form starts with the day's name; Date.parse alone would read "-5" as a year.
    const date = /^[A-Za-z]{3}\b/.test(value) ? Date.parse(value) : Number.NaN;
    if (Number.isNaN(date)) return undefined;
    ms = Math.max(0, date - nowMs);
  }
  return Math.min(ms, maxMs);
}

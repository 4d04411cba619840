/**
 * Durations in whole seconds, for quantiles in bounded memory: exact below
 * EXACT seconds, then in buckets growing by 0.5% (as metrics/log-histogram.ts),
 * so a quantile is within 0.25% of the true one. Sparse: a group whose
 * reviews all take a few minutes keeps a few dozen buckets, never the ~2,600
 * that a year's range could fill; a report holds hundreds of these.
 */
const EXACT = 256;
const LOG_GROWTH = Math.log(1.005);

export class SecondsHistogram {
  private readonly buckets = new Map<number, number>();
  private total = 0;

  get count(): number {
    return this.total;
  }

  add(seconds: number, times = 1): void {
    const key = bucketOf(seconds);
    this.buckets.set(key, (this.buckets.get(key) ?? 0) + times);
    this.total += times;
  }

  /**
   * The nearest-rank `q` quantile (the smallest duration with at least q of
   * the durations at or below it), in whole seconds; null when empty. With
   * `minus`, of the durations in this one and not in `minus` (a role's
   * approvals without one reviewer's): `minus` must be a part of this one.
   */
  quantile(q: number, minus?: SecondsHistogram): number | null {
    const total = this.total - (minus?.total ?? 0);
    if (total <= 0) return null;
    const rank = Math.max(1, Math.ceil(q * total));
    let seen = 0;
    for (const key of [...this.buckets.keys()].sort((a, b) => a - b)) {
      seen += this.buckets.get(key)! - (minus?.buckets.get(key) ?? 0);
      if (seen >= rank) return valueOf(key);
    }
    return null;
  }
}

function bucketOf(seconds: number): number {
  if (seconds < EXACT) return Math.max(0, Math.floor(seconds));
  return EXACT + Math.floor(Math.log(seconds / EXACT) / LOG_GROWTH);
}

// A bucket's duration: exact below EXACT, else the geometric middle of its range, rounded.
function valueOf(key: number): number {
  if (key < EXACT) return key;
  return Math.round(EXACT * Math.exp((key - EXACT + 0.5) * LOG_GROWTH));
}

import type { ReasonCount, ReasonList } from './types.js';

/** Distinct reasons kept per list; later new ones are counted in `other`. */
export const MAX_REASONS = 200;
/** Characters of a reason kept (and grouped on): a reason is a line a person typed, not a document. */
export const MAX_REASON_LENGTH = 200;

/**
 * Reasons given for one outcome (rejected, edited) in one group, grouped by
 * their text trimmed and case-folded, shown as first spelled. Memory is
 * bounded: at most MAX_REASONS distinct reasons of at most MAX_REASON_LENGTH
 * characters; past the cap, a reason not already seen counts in `other`.
 */
export class ReasonCounter {
  private total = 0;
  private withoutReason = 0;
  private other = 0;
  private readonly counts = new Map<string, ReasonCount>();

  /** Distinct reasons held: never more than MAX_REASONS. */
  get size(): number {
    return this.counts.size;
  }

  add(reason: string | undefined): void {
    this.total++;
    const text = reason?.trim().slice(0, MAX_REASON_LENGTH).trim() ?? '';
    if (text === '') {
      this.withoutReason++;
      return;
    }
    const key = text.toLowerCase();
    const held = this.counts.get(key);
    if (held !== undefined) held.count++;
    else if (this.counts.size < MAX_REASONS) this.counts.set(key, { reason: text, count: 1 });
    else this.other++;
  }

  /** The `top` most frequent, ties in the order first seen. */
  list(top: number): ReasonList {
    const sorted = [...this.counts.values()].sort((a, b) => b.count - a.count);
    const shown = sorted.slice(0, Math.max(0, top)).map((entry) => ({ ...entry }));
    const inShown = shown.reduce((sum, entry) => sum + entry.count, 0);
    return {
      total: this.total,
      withoutReason: this.withoutReason,
      top: shown,
      other: this.total - this.withoutReason - inShown,
      capped: this.other > 0,
    };
  }
}

const DAY_MS = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// A date-time with its zone: without one, the instant would depend on the machine's time zone.
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i;

/** The records counted: `at` in [from, to), in milliseconds since the epoch; null is unbounded. */
export interface Period {
  from: number | null;
  to: number | null;
}

/**
 * `since` and `until` as the report reads them. A date is a UTC day: `since`
 * starts at its first instant, `until` ends before the next day's (so
 * `--until 2026-10-31` includes the whole of October 31st). A date-time (with
 * `Z` or an offset) is that instant: `since` inclusive, `until` exclusive.
 * Throws a RangeError naming the option for anything else, or since after until.
 */
export function parsePeriod(since?: string, until?: string): Period {
  const from = since === undefined ? null : parseBound(since, 'since', false);
  const to = until === undefined ? null : parseBound(until, 'until', true);
  if (from !== null && to !== null && from >= to) throw new RangeError(`since (${since}) is not before until (${until}): the period is empty`);
  return { from, to };
}

function parseBound(text: string, name: string, end: boolean): number {
  const date = DATE.exec(text);
  if (date) {
    const [year, month, day] = [Number(date[1]), Number(date[2]), Number(date[3])];
    const start = Date.UTC(year, month - 1, day);
    const check = new Date(start);
    if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
      throw new RangeError(`${name}: ${text} is not a date`);
    }
    return end ? start + DAY_MS : start;
  }
  if (DATE_TIME.test(text)) {
    const instant = Date.parse(text);
    if (Number.isFinite(instant)) return instant;
  }
  throw new RangeError(`${name}: '${text}' is neither a date (2026-10-31) nor a date-time with a zone (2026-10-31T12:00:00Z)`);
}

/** The ISO 8601 week of an instant, in UTC: `2026-W43`. Week 1 holds the year's first Thursday. */
export function isoWeek(ms: number): string {
  const date = new Date(ms);
  const weekday = (date.getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  // The Thursday of the same week decides the year the week belongs to.
  const thursday = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() - weekday + 3);
  const year = new Date(thursday).getUTCFullYear();
  const week = 1 + Math.floor((thursday - Date.UTC(year, 0, 1)) / (7 * DAY_MS));
  return `${String(year).padStart(4, '0')}-W${String(week).padStart(2, '0')}`;
}

/** The UTC hour of day (0-23) of an instant. */
export function utcHour(ms: number): number {
  return new Date(ms).getUTCHours();
}

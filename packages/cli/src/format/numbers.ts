// Numbers as people read them in a report. A fixed locale keeps the output the
// same on every machine, so a report diffs cleanly and a test can pin it.
const LOCALE = 'en-US';
const MINUS = '\u2212';

/** What a report shows where the simulator could not know a value. */
export const UNKNOWN = 'unknown';

function decimals(value: number, digits: number): string {
  return value.toLocaleString(LOCALE, { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function signed(text: string, value: number): string {
  if (value > 0) return `+${text}`;
  if (value < 0) return `${MINUS}${text}`;
  return text;
}

/** A whole count with thousands separators: `20,412`. */
export function formatCount(value: number | null): string {
  return value === null ? UNKNOWN : Math.round(value).toLocaleString(LOCALE);
}

/** A change in a count, always signed: `+1,420`, `−2,310`, `0`. */
export function formatSignedCount(value: number | null): string {
  return value === null ? UNKNOWN : signed(formatCount(Math.abs(value)), value);
}

/** A plain number with a fixed number of decimals: `3.8`. */
export function formatDecimal(value: number | null, digits = 1): string {
  return value === null ? UNKNOWN : decimals(value, digits);
}

/**
 * A percent of a whole, from a value already in percent. Two decimals below 10%
 * (0.54% must not read as 0.5%), one above; a value just short of 100% is cut,
 * never rounded, so a replay that missed records never reads as 100.00%.
 */
function percentText(percent: number): string {
  const size = Math.abs(percent);
  if (size === 0) return '0%';
  if (size < 0.01) return '< 0.01%';
  if (size > 99 && size < 100) return `${decimals(Math.floor(size * 100) / 100, 2)}%`;
  return `${decimals(size, size < 10 ? 2 : 1)}%`;
}

/** A rate (0..1) as a percent: `0.0054` → `0.54%`, `0.9997` → `99.97%`. */
export function formatRate(rate: number | null): string {
  if (rate === null) return UNKNOWN;
  return rate < 0 ? `${MINUS}${percentText(-rate * 100)}` : percentText(rate * 100);
}

/** A change already in percent, signed: `+14.6%`, `−23.7%`. */
export function formatSignedPercent(percent: number | null): string {
  return percent === null ? UNKNOWN : signed(percentText(percent), percent);
}

/** Reviewer-hours with one decimal: `11,645.5 h`. */
export function formatHours(hours: number | null): string {
  return hours === null ? UNKNOWN : `${decimals(hours, 1)} h`;
}

/** A change in reviewer-hours, signed: `−808.5 h`. */
export function formatSignedHours(hours: number | null): string {
  return hours === null ? UNKNOWN : signed(formatHours(Math.abs(hours)), hours);
}

/** A 95% interval of rates: `3.89% – 5.61%`. */
export function formatRateInterval(interval: readonly [number, number] | null): string {
  return interval === null ? UNKNOWN : `${formatRate(interval[0])} \u2013 ${formatRate(interval[1])}`;
}

/** A range of expected counts, which need not be whole: `0.9 – 3.8`. */
export function formatRange(range: readonly [number, number] | null, digits = 1): string {
  return range === null ? UNKNOWN : `${formatDecimal(range[0], digits)} \u2013 ${formatDecimal(range[1], digits)}`;
}

/** A threshold or other configured number, as written: `2,500`, `0.9`. */
export function formatNumber(value: number): string {
  return value.toLocaleString(LOCALE, { maximumFractionDigits: 6 });
}

/** One decimal, without a trailing `.0`: `4`, `13.4`. */
function short(value: number): string {
  return formatDecimal(value, 1).replace(/\.0$/, '');
}

/** Seconds as a person reads a wait: `37 s`, `24 min`, `4 h`, `13.4 h`, `2 d`; `—` when not known. */
export function formatSeconds(value: number | null): string {
  if (value === null) return '—';
  if (value < 120) return `${formatCount(value)} s`;
  if (value < 7_200) return `${formatCount(value / 60)} min`;
  if (value < 172_800) return `${short(value / 3_600)} h`;
  return `${short(value / 86_400)} d`;
}

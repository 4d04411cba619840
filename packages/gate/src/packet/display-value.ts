/**
 * A fact's value as a reviewer reads it: strings as they are (no quotes),
 * numbers, booleans and null as JSON writes them, objects and arrays as
 * compact JSON. Never throws: a value JSON cannot write (a cycle, a bigint)
 * still shows as something rather than losing the whole packet.
 */
export function displayValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined || typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (typeof value === 'symbol') return value.toString();
  if (typeof value === 'function') return '[function]';
  try {
    return JSON.stringify(value) ?? Object.prototype.toString.call(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

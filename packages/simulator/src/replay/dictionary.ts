/**
 * A record keyed by names from input (policy names, reviewer roles): without
 * a prototype, so `__proto__` or `constructor` is a name like any other.
 */
export function dictionary<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

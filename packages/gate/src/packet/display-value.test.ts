import { describe, expect, it } from 'vitest';
import { displayValue } from './display-value.js';

describe('displayValue', () => {
  it('shows strings as they are, without quotes', () => {
    expect(displayValue('ORD-1234567')).toBe('ORD-1234567');
  });

  it('shows numbers, booleans and null as JSON does', () => {
    expect([180, 0.95, true, false, null].map(displayValue)).toEqual(['180', '0.95', 'true', 'false', 'null']);
  });

  it('shows objects and arrays as compact JSON', () => {
    expect(displayValue({ vendor: { country: 'DE' }, tags: ['a', 1] })).toBe('{"vendor":{"country":"DE"},"tags":["a",1]}');
  });

  it('shows what JSON cannot write rather than failing', () => {
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(displayValue(cycle)).toBe('[object Object]');
    expect(displayValue(10n)).toBe('10');
    expect(displayValue(undefined)).toBe('undefined');
  });
});

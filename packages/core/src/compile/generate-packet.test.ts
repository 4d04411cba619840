import { describe, expect, it } from 'vitest';
import { generatePacketBuilders } from './generate-packet.js';

describe('generatePacketBuilders', () => {
  const builders = generatePacketBuilders(['amount', 'currency', 'orderId'], ['orderId'], ['amount', 'currency']);

  it('puts every present fact in the action, in declared order, and leaves absent ones out', () => {
    expect(builders.action([120, 'EUR', 'ORD-1234567'])).toEqual({ amount: 120, currency: 'EUR', orderId: 'ORD-1234567' });
    const partial = builders.action([120, undefined, null]);
    expect(partial).toEqual({ amount: 120, orderId: null });
    expect(Object.keys(partial)).toEqual(['amount', 'orderId']);
  });

  it('shows a context or impact fact the action lacks as null, so the reviewer sees it was wanted', () => {
    expect(builders.context({ amount: 120 })).toEqual({ orderId: null });
    expect(builders.impact({ amount: 120, currency: 'EUR' })).toEqual({ amount: 120, currency: 'EUR' });
  });

  it('refuses a name that is not an identifier rather than write it into generated code', () => {
    expect(() => generatePacketBuilders(['amount"]: 1, x: process.exit(1), ["y'], [], [])).toThrow(/cannot be compiled/);
    expect(() => generatePacketBuilders(['amount'], ['__proto__'], [])).toThrow(/cannot be compiled/);
  });
});

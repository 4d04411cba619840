import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashChars, IdTable } from './id-table.js';

// What the table must behave as: a Map that keeps the first value of each id.
function model(ids: readonly string[]): number[] {
  const first = new Map<string, number>();
  return ids.map((id, i) => {
    const earlier = first.get(id);
    if (earlier === undefined) first.set(id, i + 1);
    return earlier ?? -1;
  });
}

const claimAll = (table: IdTable, ids: readonly string[]) => ids.map((id, i) => table.claim(id, i + 1));

// Ids in order, out of order, and repeated; any UTF-16 code units, lone surrogates included.
const id = fc.oneof(fc.string({ maxLength: 6, unit: 'binary' }), fc.nat(60).map((n) => `d-${String(n).padStart(3, '0')}`));

describe('IdTable', () => {
  it('finds every id added before, and only those, whether the ids come in order or not', () => {
    fc.assert(
      fc.property(fc.array(id, { maxLength: 300 }), fc.boolean(), (ids, inOrder) => {
        const order = inOrder ? [...ids].sort() : ids;
        const table = new IdTable();
        expect(claimAll(table, order)).toEqual(model(order));
        expect(table.size).toBe(new Set(order).size);
        for (const known of order) expect(table.get(known)).toBe(order.indexOf(known) + 1);
        expect(table.get('\u0000never added')).toBe(-1);
      }),
      { numRuns: 500 },
    );
  });

  it('still finds Latin-1 ids once an id needs two bytes a character, in order and out of order', () => {
    const table = new IdTable();
    const ids = ['d-1', 'd-2-é', 'd-3'];
    claimAll(table, ids);
    // In order, then out of order: both paths widen.
    expect(table.claim('d-4-返金', 4)).toBe(-1);
    expect(table.claim('a-🙂', 5)).toBe(-1);
    expect([...ids, 'd-4-返金', 'a-🙂'].map((known) => table.get(known))).toEqual([1, 2, 3, 4, 5]);
    expect(table.get('d-4-返')).toBe(-1);
  });

  it('grows past a million ids in order, then keeps them exactly when the order breaks', () => {
    const table = new IdTable();
    const ids = Array.from({ length: 1 << 20 }, (_, i) => `d-${String(i).padStart(8, '0')}`);
    for (let i = 0; i < ids.length; i++) table.claim(ids[i]!, i + 1);
    expect(table.claim('c-out-of-order', 0)).toBe(-1);
    expect(table.claim(ids[123_456]!, 0)).toBe(123_457);
    expect(table.claim('c-out-of-order', 5)).toBe(0);
    expect(table.size).toBe(ids.length + 1);
  });

  it('takes ids made to collide in a bounded probe each, and still tells them apart', () => {
    // Ids whose hashes share their low 12 bits all want the first slot of a
    // fresh hash table: past 64 taken slots in a row, they go to the overflow.
    const colliding: string[] = [];
    for (let n = 0; colliding.length < 200; n++) {
      const candidate = `c-${n}`;
      if ((hashChars(Uint16Array.from(candidate, (c) => c.charCodeAt(0)), 0, candidate.length) & 4095) === 0) colliding.push(candidate);
    }
    const table = new IdTable();
    // Out of order: the table is a hash table from the second id on.
    const ids = ['z', 'a', ...colliding, ...colliding.slice(0, 100), 'b'];
    expect(claimAll(table, ids)).toEqual(model(ids));
    expect(table.size).toBe(203);
    expect(colliding.every((known) => table.get(known) === ids.indexOf(known) + 1)).toBe(true);
  });
});

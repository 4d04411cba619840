// Between facts objects and the cells of a space: the cell each fact of an
// object falls in, and a facts object that stands for a whole box.
import type { Box } from './decide-box.js';
import type { FactSpace } from './fact-space.js';
import { MISSING } from './value-classes.js';

/** The cell of each dimension a facts object falls in (-1 where none holds it). */
export function cellsOf(space: FactSpace, facts: Readonly<Record<string, unknown>>): number[] {
  const named = new Set(space.dimensions.filter((dimension) => !dimension.undeclaredKeys).map((dimension) => dimension.name));
  const others = Object.keys(facts).some((key) => !named.has(key));
  return space.dimensions.map((dimension) => dimension.cellOf(dimension.undeclaredKeys ? (others ? 1 : MISSING) : Object.hasOwn(facts, dimension.name) ? facts[dimension.name] : MISSING));
}

/** Whether the cells of a facts object lie in the box. */
export function inBox(box: Box, cells: readonly number[]): boolean {
  return cells.every((cell, d) => cell >= 0 && (box[d]! & (1n << BigInt(cell))) !== 0n);
}

/**
 * A facts object in the box: for each fact, a present valid value where the
 * box has one, else what it has (absent, invalid); undefined when the box
 * holds only values the analysis could not cover.
 */
export function exampleOf(space: FactSpace, box: Box): Record<string, unknown> | undefined {
  const facts: Record<string, unknown> = {};
  for (const [d, dimension] of space.dimensions.entries()) {
    const held = dimension.cells.map((cell, c) => ({ cell, c })).filter(({ cell, c }) => !cell.opaque && (box[d]! & (1n << BigInt(c))) !== 0n);
    if (held.length === 0) return undefined;
    const rank = ({ cell }: (typeof held)[number]) => (cell.example === MISSING ? 2 : cell.example === null || cell.error.some(Boolean) ? 1 : 0);
    // Keys none declares: leave them out when the box allows it.
    const chosen = dimension.undeclaredKeys ? held[0]! : held.reduce((best, next) => (rank(next) < rank(best) ? next : best));
    if (chosen.cell.example !== MISSING) facts[dimension.name] = chosen.cell.example;
  }
  return facts;
}

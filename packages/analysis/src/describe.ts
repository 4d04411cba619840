// A box in words a platform team reads on a PR: for each fact the box does
// not leave free, the values it holds ("amount in (50, 100]", "actionType =
// refund", "irreversible absent"). Numbers are merged into intervals, listed
// strings named; lists and objects are said by what the rules read of them.
import { expectedText, OPERATOR_SYMBOLS, type Tri } from '@oversight/core/internal';
import type { Box } from './decide-box.js';
import type { Cell, Dimension, FactSpace } from './fact-space.js';
import type { Piece } from './value-classes.js';

const bit = (i: number) => 1n << BigInt(i);

/**
 * One phrase a fact the box constrains; none for a box that holds every
 * input. A fact held to the values every policy accepts (valid or absent) is
 * left unsaid: regions are of checked facts unless they say "invalid".
 */
export function describeBox(space: FactSpace, box: Box): string[] {
  const phrases: string[] = [];
  space.dimensions.forEach((dimension, d) => {
    const cells = box[d]!;
    // Values not analysed are reported apart (unknown regions): a box holding all the rest leaves the fact free.
    const free = (cells | dimension.opaque) === dimension.all;
    // "Any value both accept" goes unsaid; "absent", the one value a fact only one policy declares can take for both, does not.
    const accepted = dimension.cells.reduce((mask, cell, c) => (isChecked(cell) ? mask | bit(c) : mask), 0n);
    if (free || (cells === accepted && (valued(dimension).length > 0 || dimension.undeclaredKeys))) return;
    phrases.push(describeCells(space, dimension, cells));
  });
  return phrases;
}

const isAbsent = (piece: Piece) => piece.kind === 'missing' || piece.kind === 'null';
/** A cell no policy stops at step 1. */
const isChecked = (cell: Cell) => !cell.opaque && !cell.error.some(Boolean);
const holdsValue = (cell: Cell) => cell.pieces.some((piece) => !isAbsent(piece));
/** The cells of present values every policy accepts. */
const valued = (dimension: Dimension) => dimension.cells.filter((cell) => isChecked(cell) && holdsValue(cell));

/** The cells of `mask` in one dimension, as a phrase. */
export function describeCells(space: FactSpace, dimension: Dimension, mask: bigint): string {
  if (dimension.undeclaredKeys) return mask === 2n ? 'a fact no policy declares is present' : 'no undeclared fact';
  const cells = dimension.cells.filter((_, c) => (mask & bit(c)) !== 0n);
  const checked = cells.filter(isChecked);
  const parts: string[] = [];
  const values = checked.filter(holdsValue);
  const everyValue = valued(dimension);
  if (values.length > 0 && values.length === everyValue.length && everyValue.length > 1) parts.push('any valid value');
  else if (values.length > 0) parts.push(...valuePhrases(space, dimension, values));
  if (checked.some((cell) => cell.pieces.some(isAbsent))) parts.push('absent');
  const policies = space.policies.length;
  for (const cell of cells.filter((each) => !each.opaque && !isChecked(each))) {
    const which = (flags: boolean[]) => (flags.every(Boolean) ? '' : ` for ${flags.map((flag, p) => (flag ? policyName(p, policies) : '')).filter(Boolean).join(' and ')}`);
    if (cell.invalid.some(Boolean)) parts.push(`invalid${which(cell.invalid)}`);
    if (cell.error.some((error, p) => error && !cell.invalid[p])) parts.push(`present (undeclared${which(cell.error.map((error, p) => error && !cell.invalid[p]))})`);
  }
  if (cells.some((cell) => cell.opaque)) parts.push(`values not analysed (${dimension.incomplete ?? 'unknown'})`);
  return `${dimension.name} ${[...new Set(parts)].join(' or ')}`;
}

const policyName = (p: number, count: number) => (count === 2 ? (p === 0 ? 'the baseline' : 'the candidate') : `policy ${p + 1}`);

function valuePhrases(space: FactSpace, dimension: Dimension, cells: readonly Cell[]): string[] {
  const pieces = cells.flatMap((cell) => cell.pieces).filter((piece) => !isAbsent(piece));
  const scalar = pieces.every((piece) => piece.kind !== 'array' && piece.kind !== 'object');
  if (!scalar) return [`where ${readUnion(cells.map((cell) => readPhrases(space, dimension, cell)), valued(dimension).map((cell) => readPhrases(space, dimension, cell)))}`];
  const phrases: string[] = [];
  // A fact every policy declares an integer needs no "whole number" said of it.
  const integers = space.policies.every((view) => {
    const schema = view.plan.policy.spec.facts[dimension.name];
    return schema === undefined || schema.type === 'integer';
  });
  const intervals = pieces.flatMap((piece) => (piece.kind === 'number' ? [integers && piece.whole === true ? { ...piece, whole: undefined } : piece] : []));
  const numbers = mergeIntervals(intervals);
  phrases.push(...numbers.map(intervalPhrase));
  const strings = pieces.flatMap((piece) => (piece.kind === 'string' ? [piece.value] : []));
  if (strings.length === 1) phrases.push(`= ${strings[0]}`);
  else if (strings.length > 1) phrases.push(`in [${strings.join(', ')}]`);
  if (pieces.some((piece) => piece.kind === 'other-string')) phrases.push(strings.length > 0 ? 'another string' : 'a string not named in the policy');
  const booleans = [...new Set(pieces.flatMap((piece) => (piece.kind === 'boolean' ? [piece.value] : [])))];
  if (booleans.length === 1) phrases.push(`= ${String(booleans[0])}`);
  else if (booleans.length === 2) phrases.push('true or false');
  return phrases;
}

type Interval = Extract<Piece, { kind: 'number' }>;

/** Intervals joined where they meet, integers and fractions of one interval made whole again. */
function mergeIntervals(pieces: readonly Interval[]): Interval[] {
  const byRange = new Map<string, Interval>();
  for (const piece of pieces) {
    const key = `${piece.lo}|${piece.loOpen}|${piece.hi}|${piece.hiOpen}`;
    const known = byRange.get(key);
    byRange.set(key, known === undefined ? piece : { ...piece, whole: known.whole === piece.whole ? piece.whole : undefined });
  }
  const sorted = [...byRange.values()].sort((a, b) => a.lo - b.lo || Number(a.loOpen) - Number(b.loOpen));
  const merged: Interval[] = [];
  for (const piece of sorted) {
    const last = merged[merged.length - 1];
    const meets = last !== undefined && last.whole === undefined && piece.whole === undefined && last.hi === piece.lo && !(last.hiOpen && piece.loOpen);
    if (meets) merged[merged.length - 1] = { ...last, hi: piece.hi, hiOpen: piece.hiOpen };
    else merged.push(piece);
  }
  return merged;
}

function intervalPhrase(piece: Interval): string {
  const { lo, hi, loOpen, hiOpen } = piece;
  const whole = piece.whole === true ? ' (a whole number)' : piece.whole === false ? ' (not a whole number)' : '';
  if (lo === hi) return `= ${lo}`;
  if (lo === -Infinity && hi === Infinity) return `any number${whole}`;
  if (lo === -Infinity) return `${hiOpen ? '<' : '≤'} ${hi}${whole}`;
  if (hi === Infinity) return `${loOpen ? '>' : '≥'} ${lo}${whole}`;
  return `in ${loOpen ? '(' : '['}${lo}, ${hi}${hiOpen ? ')' : ']'}${whole}`;
}

/**
 * Cells of lists or objects, by what the rules read of them: what every cell
 * shares said once, then what tells them apart; a comparison the cells take
 * every way a value of the fact can (`every`), and nothing else tells apart,
 * is free and left unsaid.
 */
function readUnion(cells: readonly Map<string, string>[], every: readonly Map<string, string>[]): string {
  const shared = [...(cells[0] ?? new Map<string, string>())].filter(([key, phrase]) => cells.every((cell) => cell.get(key) === phrase)).map(([key]) => key);
  const rest = cells.map((cell) => [...cell].filter(([key]) => !shared.includes(key)));
  const keys = new Set(rest.flatMap((pairs) => pairs.map(([key]) => key)));
  const [only] = keys;
  const ways = (maps: readonly Map<string, string>[]) => new Set(maps.flatMap((map) => (only !== undefined && map.has(only) ? [map.get(only)!] : [])));
  const free = keys.size === 1 && rest.every((pairs) => pairs.length === 1) && ways(cells).size === ways(every).size;
  const common = shared.map((key) => cells[0]!.get(key)!);
  const options = rest.map((pairs) => pairs.map(([, phrase]) => phrase).join(' and '));
  const apart = free || options.every((option) => option === '') ? [] : [options.length === 1 ? options[0]! : `(${options.map((option) => `(${option})`).join(' or ')})`];
  const phrases = [...common, ...apart];
  return phrases.length === 0 ? 'it is any list or object' : phrases.join(' and ');
}

/** A list or object cell, by what each policy's leaves read of it: one phrase a comparison (keyed by what it compares). */
function readPhrases(space: FactSpace, dimension: Dimension, cell: Cell): Map<string, string> {
  const said = new Map<string, string>();
  const c = dimension.cells.indexOf(cell);
  space.policies.forEach((view) => {
    const plan = view.plan;
    for (const leaf of view.leaves.values()) {
      if (space.dimensions[leaf.dimension] !== dimension) continue;
      const state = leaf.masks.findIndex((mask) => (mask & bit(c)) !== 0n) as Tri | -1;
      if (state < 0) continue;
      const expected = expectedText(leaf.node, plan.thresholdValues, plan.thresholdNames);
      const key = `${leaf.node.label} ${leaf.node.operator} ${expected}`;
      said.set(key, state === 2 ? `${leaf.node.label} absent` : `${leaf.node.label} ${OPERATOR_SYMBOLS[leaf.node.operator][state === 1 ? 0 : 1]} ${expected}`);
    }
  });
  return said;
}

// The abstract domain the logic rules reason in: a condition becomes a union of
// boxes, and a box constrains each fact independently: a numeric interval (open
// or closed ends, minus some points), a set of allowed or excluded values, or an
// opaque proposition (`contains`, which we do not model) that holds or not.
// Every operation is exact for what it models, so "covered" and "empty" are
// proofs, never guesses; what it cannot model it leaves unconstrained.

export type Scalar = string | number | boolean | null;

export interface NumericConstraint {
  kind: 'numeric';
  lo: number;
  loOpen: boolean;
  hi: number;
  hiOpen: boolean;
  /** Single values cut out of the interval (`notEqual`, `notIn`). */
  excluded: readonly number[];
}

export interface SetConstraint {
  kind: 'set';
  /** The values allowed, or null for any value. */
  allowed: readonly Scalar[] | null;
  excluded: readonly Scalar[];
}

export interface AtomConstraint {
  kind: 'atom';
  holds: boolean;
}

export type Constraint = NumericConstraint | SetConstraint | AtomConstraint;

/** One conjunction: a constraint per dimension; a dimension not in the map is unconstrained. */
export type Box = ReadonlyMap<string, Constraint>;
/** A union of boxes; `[]` is never true, `[new Map()]` is always true. */
export type Region = readonly Box[];

/** What a fact's declared schema allows, for the dimensions built on it. */
export interface Dimension {
  /** The declared bounds of a number. */
  bounds?: NumericConstraint;
  integer?: boolean;
  /** A finite set of possible values (an enum, a boolean), or undefined when unbounded. */
  values?: readonly Scalar[];
}

export type DimensionLookup = (key: string) => Dimension | undefined;

/** Regions larger than this are not analysed: the rules report nothing rather than spend seconds. */
export const MAX_BOXES = 512;

export const UNIVERSE: Region = [new Map()];

export function numeric(lo: number, loOpen: boolean, hi: number, hiOpen: boolean, excluded: readonly number[] = []): NumericConstraint {
  return { kind: 'numeric', lo, loOpen, hi, hiOpen, excluded };
}

export const ANY_NUMBER = numeric(-Infinity, true, Infinity, true);

function intersectConstraint(a: Constraint, b: Constraint): Constraint | null {
  if (a.kind === 'numeric' && b.kind === 'numeric') {
    const lo = Math.max(a.lo, b.lo);
    const hi = Math.min(a.hi, b.hi);
    const loOpen = (a.lo === lo && a.loOpen) || (b.lo === lo && b.loOpen);
    const hiOpen = (a.hi === hi && a.hiOpen) || (b.hi === hi && b.hiOpen);
    return numeric(lo, loOpen, hi, hiOpen, [...a.excluded, ...b.excluded]);
  }
  if (a.kind === 'set' && b.kind === 'set') {
    const allowed = a.allowed === null ? b.allowed : b.allowed === null ? a.allowed : a.allowed.filter((v) => b.allowed!.includes(v));
    return { kind: 'set', allowed, excluded: [...a.excluded, ...b.excluded] };
  }
  if (a.kind === 'atom' && b.kind === 'atom') return a.holds === b.holds ? a : null;
  // Keys carry their kind, so two kinds never meet on one dimension.
  throw new Error(`cannot intersect ${a.kind} with ${b.kind}`);
}

/** The constraints whose union is everything `c` excludes (disjoint pieces). */
function complementConstraint(c: Constraint): Constraint[] {
  if (c.kind === 'atom') return [{ kind: 'atom', holds: !c.holds }];
  if (c.kind === 'set') {
    const pieces: Constraint[] = [];
    if (c.allowed !== null) pieces.push({ kind: 'set', allowed: null, excluded: c.allowed });
    if (c.excluded.length > 0) pieces.push({ kind: 'set', allowed: c.excluded, excluded: [] });
    return pieces;
  }
  const pieces: Constraint[] = [];
  if (c.lo > -Infinity || !c.loOpen) pieces.push(numeric(-Infinity, true, c.lo, !c.loOpen));
  if (c.hi < Infinity || !c.hiOpen) pieces.push(numeric(c.hi, !c.hiOpen, Infinity, true));
  for (const point of new Set(c.excluded)) pieces.push(numeric(point, false, point, false));
  return pieces;
}

function isNumericEmpty(c: NumericConstraint, dimension: Dimension | undefined): boolean {
  const within = dimension?.bounds ? (intersectConstraint(c, dimension.bounds) as NumericConstraint) : c;
  const { lo, hi, loOpen, hiOpen, excluded } = within;
  if (Number.isNaN(lo) || Number.isNaN(hi) || lo > hi) return true;
  const integer = dimension?.integer === true;
  // A single point: an integer fact never takes a fractional one (score = 2.5).
  if (lo === hi) return loOpen || hiOpen || excluded.includes(lo) || (integer && !Number.isInteger(lo));
  if (!integer) return false;
  // Integers: try as many candidates as there are excluded points, plus one.
  let candidate = Number.isFinite(lo) ? (Number.isInteger(lo) ? (loOpen ? lo + 1 : lo) : Math.ceil(lo)) : Number.MIN_SAFE_INTEGER;
  for (let tries = 0; tries <= excluded.length; tries += 1, candidate += 1) {
    if (candidate > hi || (candidate === hi && hiOpen)) return true;
    if (!excluded.includes(candidate)) return false;
  }
  return true;
}

function isSetEmpty(c: SetConstraint, dimension: Dimension | undefined): boolean {
  const domain = dimension?.values;
  const candidates = c.allowed === null ? domain : domain === undefined ? c.allowed : c.allowed.filter((v) => domain.includes(v));
  // An unbounded domain (any string) minus finitely many values is never empty.
  if (candidates === undefined) return false;
  return candidates.every((v) => c.excluded.includes(v));
}

export function isConstraintEmpty(c: Constraint, dimension: Dimension | undefined): boolean {
  if (c.kind === 'numeric') return isNumericEmpty(c, dimension);
  if (c.kind === 'set') return isSetEmpty(c, dimension);
  return false;
}

export function isBoxEmpty(box: Box, lookup: DimensionLookup): boolean {
  for (const [key, constraint] of box) if (isConstraintEmpty(constraint, lookup(key))) return true;
  return false;
}

function withConstraint(box: Box, key: string, constraint: Constraint): Box {
  const next = new Map(box);
  next.set(key, constraint);
  return next;
}

/** The boxes of a region that can hold; undefined when the region is too large to analyse. */
export function prune(region: Region, lookup: DimensionLookup): Region | undefined {
  const kept = region.filter((box) => !isBoxEmpty(box, lookup));
  return kept.length > MAX_BOXES ? undefined : kept;
}

export function intersectBoxes(a: Box, b: Box): Box | null {
  const result = new Map(a);
  for (const [key, constraint] of b) {
    const current = result.get(key);
    const merged = current === undefined ? constraint : intersectConstraint(current, constraint);
    if (merged === null) return null;
    result.set(key, merged);
  }
  return result;
}

/** Both regions at once: the pairwise intersections of their boxes. */
export function intersectRegions(a: Region, b: Region, lookup: DimensionLookup): Region | undefined {
  if (a.length * b.length > MAX_BOXES * 8) return undefined;
  const result: Box[] = [];
  for (const left of a) {
    for (const right of b) {
      const box = intersectBoxes(left, right);
      if (box !== null && !isBoxEmpty(box, lookup)) result.push(box);
    }
  }
  return prune(result, lookup);
}

/** `box` minus `cut`, as disjoint boxes: b∧¬c₁, b∧c₁∧¬c₂, … */
function subtractBox(box: Box, cut: Box, lookup: DimensionLookup): Box[] {
  const pieces: Box[] = [];
  let rest: Box = box;
  for (const [key, constraint] of cut) {
    const current = rest.get(key);
    for (const outside of complementConstraint(constraint)) {
      const piece = current === undefined ? outside : intersectConstraint(current, outside);
      if (piece !== null && !isConstraintEmpty(piece, lookup(key))) pieces.push(withConstraint(rest, key, piece));
    }
    const inside = current === undefined ? constraint : intersectConstraint(current, constraint);
    if (inside === null || isConstraintEmpty(inside, lookup(key))) break;
    rest = withConstraint(rest, key, inside);
  }
  return pieces.filter((piece) => !isBoxEmpty(piece, lookup));
}

/** What of `region` lies outside every box of `cut`; undefined when too large to analyse. */
export function subtractRegions(region: Region, cut: Region, lookup: DimensionLookup): Region | undefined {
  let remaining: Region = region;
  for (const cutBox of cut) {
    const next: Box[] = [];
    for (const box of remaining) next.push(...subtractBox(box, cutBox, lookup));
    if (next.length > MAX_BOXES) return undefined;
    remaining = next;
    if (remaining.length === 0) break;
  }
  return remaining;
}

/** Whether every point of `region` is also in `cover`: true and false are proofs, undefined is "too large to tell". */
export function covers(cover: Region, region: Region, lookup: DimensionLookup): boolean | undefined {
  const outside = subtractRegions(region, cover, lookup);
  return outside === undefined ? undefined : outside.length === 0;
}

/**
 * A box that holds only where a continuous number takes one exact value: true
 * for a vanishing share of the declared domain (what "nearly everything" allows).
 */
export function isMeasureZero(box: Box, lookup: DimensionLookup): boolean {
  for (const [key, constraint] of box) {
    if (constraint.kind !== 'numeric' || lookup(key)?.integer === true) continue;
    const within = intersectConstraint(constraint, lookup(key)?.bounds ?? ANY_NUMBER) as NumericConstraint;
    if (within.lo === within.hi) return true;
  }
  return false;
}

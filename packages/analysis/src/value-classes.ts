// The values a fact (or a part of one) can take, cut into classes that every
// policy treats alike: the same validity under each policy's schema and the
// same state of each leaf that reads it. Candidates are chosen around every
// constant the policies and schemas name (each side of a bound, each listed
// value, integers and fractions, every JSON type), so each class has a real
// value to stand for it; validity and leaf states come from core itself (its
// validators and its comparison), never from a second reading of JSON Schema.
// Where the candidates cannot be shown to reach every class (a pattern whose
// matches were not all found, keywords the cut does not follow), the location
// says it is incomplete, and the analysis calls what it did not reach unknown.
import { canonicalJson, type FactSchema } from '@oversight/core';
import { compileFactSchema, leafState, type LeafNode, type Tri } from '@oversight/core/internal';
import { createRequire } from 'node:module';

/** A key left out of its object (a fact not sent, a field not set). */
export const MISSING: unique symbol = Symbol('missing');
export type Value = unknown;

/** What a candidate stands for, in words the description builds from. */
export type Piece =
  | { kind: 'missing' }
  | { kind: 'null' }
  | { kind: 'boolean'; value: boolean }
  /** `whole`: only integers (true), only fractions (false), or either (undefined). */
  | { kind: 'number'; lo: number; loOpen: boolean; hi: number; hiOpen: boolean; whole?: boolean }
  | { kind: 'string'; value: string }
  | { kind: 'other-string' }
  | { kind: 'array' }
  | { kind: 'object' };

export interface Candidate {
  value: Value;
  piece: Piece;
}

/** What constrains a location for one policy: a schema, nothing (`any`), or no value at all (`none`). */
export type Constraint = FactSchema | 'any' | 'none';

/** A leaf that reads at or below a location: `rest` is the path still to follow from here. */
export interface Read {
  /** The policy whose rule holds the leaf: its state matters only on values that policy's schema admits. */
  policy: number;
  leaf: LeafNode;
  rest: readonly (string | number)[];
  thresholds: ArrayLike<number>;
  /** The leaf with `rest` as its path: what core compares at this location. */
  here: LeafNode;
}

/** A read of `leaf` with `rest` still to follow. */
export function readAt(policy: number, leaf: LeafNode, rest: readonly (string | number)[], thresholds: ArrayLike<number>, operator = leaf.operator): Read {
  return { policy, leaf, rest, thresholds, here: { ...leaf, operator, path: rest.length === 0 ? undefined : rest } };
}

export interface Location {
  /** One a policy. */
  schemas: readonly Constraint[];
  reads: readonly Read[];
  depth: number;
}

export interface Classes {
  /** Candidates, one or more a class, grouped by class. */
  classes: Candidate[][];
  /** Whether every class a value here can fall in has a candidate. */
  complete: boolean;
  /** Why not, in words, when incomplete. */
  incomplete?: string;
}

// Keywords the cut follows exactly; any other makes a location incomplete.
const FOLLOWED = new Set(['type', 'enum', 'const', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'items', 'properties', 'required', 'additionalProperties', 'minItems', 'maxItems', 'uniqueItems']);
// Keywords on strings and numbers whose classes are found by sampling: complete only when every combination turned up.
const SAMPLED = new Set(['pattern', 'format', 'minLength', 'maxLength', 'multipleOf']);
const ANNOTATIONS = new Set(['description', 'title', 'examples', 'default', '$comment', 'deprecated', 'readOnly', 'writeOnly']);
const MAX_DEPTH = 4;
const MAX_PRODUCT = 2048;
// Sets of item kinds are enumerated: 2^10 sets, or 2^7 with each kind first where a path reads the first item.
const MAX_ITEM_KINDS = 10;
const MAX_ORDERED_ITEM_KINDS = 7;
const MAX_PADDED_LENGTH = 64;

// randexp (strings that match a regular expression) is CommonJS whose module is the class itself,
// which its declarations describe as a default export: required, and typed for what is used here.
interface StringGenerator {
  max: number;
  randInt(from: number, to: number): number;
  gen(): string;
}
const RandExp = createRequire(import.meta.url)('randexp') as new (pattern: string, flags?: string) => StringGenerator;

const schemaOf = (constraint: Constraint): FactSchema | undefined => (typeof constraint === 'object' ? constraint : undefined);

/** Whether `value` (never MISSING) meets the constraint: core's own validator for a schema. */
export function meets(constraint: Constraint, value: Value): boolean {
  if (constraint === 'any') return true;
  if (constraint === 'none') return false;
  return compileFactSchema(constraint)(value) === true;
}

/** The state of a read over the value at its location, with core's comparison. */
function readState(read: Read, value: Value): Tri {
  return leafState(read.here, value === MISSING ? undefined : value, read.thresholds);
}

/** What tells classes apart here: validity under each constraint, then each read's state. */
function localSignature(location: Location, value: Value): string {
  const validity = location.schemas.map((constraint) => (value === MISSING ? 'm' : meets(constraint, value) ? '1' : '0'));
  // A policy compares only values its schema admits (core checks facts first): elsewhere a state is moot.
  const states = location.reads.map((read) => (validity[read.policy] === '0' ? '-' : readState(read, value)));
  return `${validity.join('')}|${states.join('')}`;
}

/** The classes of values at a location, each with its candidates. */
export function classesAt(location: Location, seed = 1): Classes {
  const { candidates, complete, incomplete } = candidatesAt(location, seed);
  const grouped = new Map<string, Candidate[]>();
  for (const candidate of candidates) {
    const signature = localSignature(location, candidate.value);
    const group = grouped.get(signature);
    if (group === undefined) grouped.set(signature, [candidate]);
    else group.push(candidate);
  }
  return { classes: [...grouped.values()], complete, ...(incomplete === undefined ? {} : { incomplete }) };
}

/** Candidates for every class at a location (several may fall in one), and whether they reach every class. */
export function candidatesAt(location: Location, seed = 1): { candidates: Candidate[]; complete: boolean; incomplete?: string } {
  const reasons: string[] = [];
  for (const constraint of location.schemas) {
    const schema = schemaOf(constraint);
    if (schema === undefined) continue;
    for (const keyword of Object.keys(schema)) {
      if (!FOLLOWED.has(keyword) && !SAMPLED.has(keyword) && !ANNOTATIONS.has(keyword)) reasons.push(`schema keyword '${keyword}' is not analysed`);
    }
  }
  const candidates: Candidate[] = [
    ...numberCandidates(location, reasons),
    ...stringCandidates(location, reasons, seed),
    { value: true, piece: { kind: 'boolean', value: true } },
    { value: false, piece: { kind: 'boolean', value: false } },
    ...arrayCandidates(location, reasons, seed),
    ...objectCandidates(location, reasons, seed),
    { value: null, piece: { kind: 'null' } },
    { value: MISSING, piece: { kind: 'missing' } },
  ];
  const unique = [...new Set(reasons)];
  return { candidates, complete: unique.length === 0, ...(unique.length === 0 ? {} : { incomplete: unique.join('; ') }) };
}

/** The constants the reads compare with here, and those the schemas list or bound by. */
function constantsAt(location: Location): { numbers: number[]; strings: string[] } {
  const numbers = new Set<number>();
  const strings = new Set<string>();
  const add = (value: unknown) => {
    if (typeof value === 'number' && Number.isFinite(value)) numbers.add(value);
    else if (typeof value === 'string') strings.add(value);
  };
  for (const read of location.reads) {
    if (read.rest.length > 0 || read.here.operator === 'contains' || read.here.operator === 'doesNotContain') continue;
    const expected = read.leaf.threshold >= 0 ? read.thresholds[read.leaf.threshold] : read.leaf.literal;
    if (Array.isArray(expected)) expected.forEach(add);
    else add(expected);
  }
  for (const constraint of location.schemas) {
    const schema = schemaOf(constraint);
    if (schema === undefined) continue;
    for (const keyword of ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'const']) add(schema[keyword]);
    if (Array.isArray(schema.enum)) schema.enum.forEach(add);
  }
  return { numbers: [...numbers].sort((a, b) => a - b), strings: [...strings] };
}

/** Validity vectors under the schemas that carry `keywords`, so sampling can tell when it reached them all. */
function sampledSchemas(location: Location, keywords: readonly string[]): FactSchema[] {
  const seen = new Map<string, FactSchema>();
  for (const constraint of location.schemas) {
    const schema = schemaOf(constraint);
    if (schema !== undefined && keywords.some((keyword) => keyword in schema) && !('enum' in schema) && !('const' in schema)) seen.set(canonicalJson(schema), schema);
  }
  return [...seen.values()];
}

function everyCombination(values: readonly Value[], schemas: readonly FactSchema[]): boolean {
  const found = new Set(values.map((value) => schemas.map((schema) => (meets(schema, value) ? '1' : '0')).join('')));
  return found.size === 2 ** schemas.length;
}

function numberCandidates(location: Location, reasons: string[]): Candidate[] {
  const { numbers } = constantsAt(location);
  const multiples = sampledSchemas(location, ['multipleOf']);
  const steps = multiples.map((schema) => schema.multipleOf).filter((step): step is number => typeof step === 'number' && step > 0);
  const out: Candidate[] = numbers.map((value) => ({ value, piece: { kind: 'number', lo: value, loOpen: false, hi: value, hiOpen: false } }));
  const bounds = [-Infinity, ...numbers, Infinity];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const [lo, hi] = [bounds[i]!, bounds[i + 1]!];
    const whole = wholeInside(lo, hi);
    const fraction = fractionInside(lo, hi);
    const interval = { kind: 'number' as const, lo, loOpen: true, hi, hiOpen: true };
    const inside: Value[] = [];
    // A piece says whole or not only where the interval holds both kinds.
    const both = whole !== undefined && fraction !== undefined;
    if (whole !== undefined) {
      out.push({ value: whole, piece: both ? { ...interval, whole: true } : interval });
      inside.push(whole);
    }
    if (fraction !== undefined) {
      out.push({ value: fraction, piece: both ? { ...interval, whole: false } : interval });
      inside.push(fraction);
    }
    // A multiple of each step inside, so both sides of multipleOf turn up where they can.
    for (const step of steps) {
      const first = Number.isFinite(lo) ? (Math.floor(lo / step) + 1) * step : Number.isFinite(hi) ? (Math.ceil(hi / step) - 1) * step : 0;
      if (first > lo && first < hi) {
        out.push({ value: first, piece: { ...interval, whole: Number.isInteger(first) } });
        inside.push(first);
      }
    }
    // One whole-number step: a multiple, a whole number that is not one, and a fraction cover every case here.
    const step = steps.length === 1 && multiples.length === 1 && Number.isSafeInteger(steps[0]) ? steps[0]! : undefined;
    const other = step === undefined ? undefined : wholeNonMultiple(lo, hi, step);
    if (other !== undefined) out.push({ value: other, piece: { ...interval, whole: true } });
    if (multiples.length > 0 && step === undefined && !everyCombination(inside, multiples)) reasons.push('multipleOf is sampled, and not every combination was found');
  }
  return out;
}

/** A whole number strictly between lo and hi that `step` does not divide, or undefined. */
function wholeNonMultiple(lo: number, hi: number, step: number): number | undefined {
  const first = wholeInside(lo, hi);
  for (let candidate = first; candidate !== undefined && candidate < hi && candidate <= (first ?? 0) + step; candidate++) {
    if (candidate % step !== 0) return candidate;
  }
  return undefined;
}

/** An integer strictly between lo and hi, nearest the middle's left end, or undefined. */
function wholeInside(lo: number, hi: number): number | undefined {
  const candidate = Number.isFinite(lo) ? Math.floor(lo) + 1 : Number.isFinite(hi) ? Math.ceil(hi) - 1 : 0;
  return candidate > lo && candidate < hi && Number.isSafeInteger(candidate) ? candidate : undefined;
}

/** A number with a fraction strictly between lo and hi, or undefined (no double lies there). */
function fractionInside(lo: number, hi: number): number | undefined {
  const tries = Number.isFinite(lo) && Number.isFinite(hi) ? [(lo + hi) / 2, lo + (hi - lo) / 3, lo + (hi - lo) / 4, lo + (hi - lo) / 8] : Number.isFinite(lo) ? [lo + 0.5, lo + 0.25] : Number.isFinite(hi) ? [hi - 0.5, hi - 0.25] : [0.5];
  return tries.find((value) => value > lo && value < hi && !Number.isInteger(value));
}

const FORMAT_EXAMPLES: Record<string, string> = {
  date: '2026-01-15',
  time: '12:30:00Z',
  'date-time': '2026-01-15T12:30:00Z',
  duration: 'P1D',
  uri: 'https://example.com/a',
  'uri-reference': '/a',
  email: 'someone@example.com',
  hostname: 'example.com',
  ipv4: '192.0.2.1',
  ipv6: '2001:db8::1',
  uuid: '123e4567-e89b-12d3-a456-426614174000',
  regex: 'a+',
  'json-pointer': '/a',
  'relative-json-pointer': '0',
  byte: 'aGk=',
};

function stringCandidates(location: Location, reasons: string[], seed: number): Candidate[] {
  const { strings } = constantsAt(location);
  const out: Candidate[] = strings.map((value) => ({ value, piece: { kind: 'string', value } }));
  const constants = new Set(strings);
  const others = new Set<string>(['other', '', 'x']);
  const random = seeded(seed);
  for (const constraint of location.schemas) {
    const schema = schemaOf(constraint);
    if (schema === undefined) continue;
    if (typeof schema.pattern === 'string') {
      const generator = new RandExp(schema.pattern, 'u');
      generator.randInt = (from: number, to: number) => from + Math.floor(random() * (to - from + 1));
      generator.max = 4;
      for (let i = 0; i < 6; i++) others.add(generator.gen());
    }
    if (typeof schema.format === 'string' && Object.hasOwn(FORMAT_EXAMPLES, schema.format)) others.add(FORMAT_EXAMPLES[schema.format]!);
    for (const keyword of ['minLength', 'maxLength']) {
      const length = schema[keyword];
      if (typeof length === 'number' && Number.isSafeInteger(length) && length <= 1000) for (const n of [length - 1, length, length + 1]) if (n >= 0) others.add('a'.repeat(n));
    }
  }
  const picked = [...others].filter((value) => !constants.has(value));
  out.push(...picked.map((value): Candidate => ({ value, piece: { kind: 'other-string' } })));
  const sampled = sampledSchemas(location, ['pattern', 'format', 'minLength', 'maxLength']);
  if (sampled.length > 0 && !everyCombination(picked, sampled)) reasons.push('strings are sampled for pattern, format or length, and not every combination was found');
  return out;
}

/** Whether a read looks into the items of a list here (an index path or contains). */
const readsItems = (read: Read) => typeof read.rest[0] === 'number' || (read.rest.length === 0 && (read.here.operator === 'contains' || read.here.operator === 'doesNotContain'));

function arrayCandidates(location: Location, reasons: string[], seed: number): Candidate[] {
  const listed = location.schemas.some((constraint) => schemaOf(constraint)?.type === 'array' || (Array.isArray(schemaOf(constraint)?.type) && (schemaOf(constraint)!.type as unknown[]).includes('array')));
  const reads = location.reads.filter(readsItems);
  if ((!listed && reads.length === 0) || location.depth >= MAX_DEPTH) {
    if (reads.length > 0) reasons.push('lists nested this deep are not analysed');
    return [{ value: [], piece: { kind: 'array' } }];
  }
  const schemas = location.schemas.flatMap((constraint): FactSchema[] => {
    const schema = schemaOf(constraint);
    return schema === undefined ? [] : [schema];
  });
  // One rule for lengths and repeats makes every list it refuses one class; two rules would need lists they split.
  const sized = new Set(schemas.filter((schema) => ['minItems', 'maxItems', 'uniqueItems'].some((keyword) => keyword in schema)).map((schema) => canonicalJson(schema)));
  if (sized.size > 1) reasons.push('lists under different length or uniqueness rules are not analysed');
  const indexed = reads.some((read) => typeof read.rest[0] === 'number');
  if (reads.some((read) => typeof read.rest[0] === 'number' && read.rest[0] > 0)) reasons.push('paths into list items after the first are not analysed');
  // Items are told apart by validity, the index reads, and equality with each contains value.
  const contained = reads.filter((read) => read.rest.length === 0);
  const itemLocation: Location = {
    schemas: location.schemas.map((constraint) => {
      const items = schemaOf(constraint)?.items;
      return typeof items === 'object' && items !== null ? (items as FactSchema) : 'any';
    }),
    reads: [
      ...reads.filter((read) => read.rest.length > 0).map((read) => readAt(read.policy, read.leaf, read.rest.slice(1), read.thresholds)),
      ...contained.map((read) => readAt(read.policy, read.leaf, [], read.thresholds, 'equal')),
    ],
    depth: location.depth + 1,
  };
  const items = classesAt(itemLocation, seed + 1);
  if (!items.complete) reasons.push(`list items: ${items.incomplete}`);
  const kinds = items.classes.map((group) => group.find((candidate) => candidate.value !== MISSING)?.value).filter((value) => value !== undefined);
  // An item every policy refuses makes any list holding it invalid for all: one list alone stands for them.
  const refused = kinds.filter((item) => itemLocation.schemas.every((constraint) => !meets(constraint, item)));
  const kept = kinds.filter((item) => !refused.includes(item));
  const limit = indexed ? MAX_ORDERED_ITEM_KINDS : MAX_ITEM_KINDS;
  if (kept.length > limit) reasons.push(`lists with more than ${limit} kinds of item are not analysed`);
  const chosen = kept.slice(0, limit);
  const sets: Value[][] = [[], ...refused.map((item) => [item])];
  // Every set of item kinds (each kind first once where a path reads the first item): contains and the first item see every combination.
  for (let mask = 1; mask < 2 ** chosen.length; mask++) {
    const set = chosen.filter((_, i) => (mask & (2 ** i)) !== 0);
    for (const first of indexed ? set : set.slice(0, 1)) sets.push([first, ...set.filter((item) => item !== first)]);
  }
  // Lengths and repeats change validity alone: each set again at every length a bound tells apart, by repeating its last item.
  const lengths = new Set<number>();
  for (const schema of schemas) {
    for (const keyword of ['minItems', 'maxItems']) {
      const bound = schema[keyword];
      if (typeof bound === 'number' && Number.isSafeInteger(bound)) for (const n of [bound - 1, bound, bound + 1]) if (n > 0 && n <= MAX_PADDED_LENGTH) lengths.add(n);
      else if (bound !== undefined) reasons.push(`list keyword '${keyword}' above ${MAX_PADDED_LENGTH} is not analysed`);
    }
    if (schema.uniqueItems === true) lengths.add(-1);
  }
  const out: Candidate[] = [];
  for (const set of sets) {
    out.push({ value: set, piece: { kind: 'array' } });
    if (set.length === 0) continue;
    for (const length of lengths) {
      const padded = length < 0 ? [...set, set[set.length - 1]] : set.length < length ? [...set, ...Array.from({ length: length - set.length }, () => set[set.length - 1])] : undefined;
      if (padded !== undefined) out.push({ value: padded, piece: { kind: 'array' } });
    }
  }
  return out;
}

function objectCandidates(location: Location, reasons: string[], seed: number): Candidate[] {
  const objects = location.schemas.some((constraint) => {
    const type = schemaOf(constraint)?.type;
    return type === 'object' || (Array.isArray(type) && type.includes('object'));
  });
  const reads = location.reads.filter((read) => typeof read.rest[0] === 'string');
  if ((!objects && reads.length === 0) || location.depth >= MAX_DEPTH) {
    if (reads.length > 0) reasons.push('objects nested this deep are not analysed');
    return [{ value: {}, piece: { kind: 'object' } }];
  }
  const names = new Set<string>();
  for (const constraint of location.schemas) {
    const properties = schemaOf(constraint)?.properties;
    if (typeof properties === 'object' && properties !== null) Object.keys(properties).forEach((name) => names.add(name));
  }
  reads.forEach((read) => names.add(read.rest[0] as string));
  const fields = [...names].map((name, i) => {
    const field: Location = {
      schemas: location.schemas.map((constraint) => fieldConstraint(constraint, name)),
      reads: reads.filter((read) => read.rest[0] === name).map((read) => readAt(read.policy, read.leaf, read.rest.slice(1), read.thresholds)),
      depth: location.depth + 1,
    };
    const classes = classesAt(field, seed + 7 * (i + 1));
    if (!classes.complete) reasons.push(`${name}: ${classes.incomplete}`);
    return { name, values: classes.classes.map((group) => group[0]!.value) };
  });
  const size = fields.reduce((product, field) => product * field.values.length, 1);
  if (size > MAX_PRODUCT) reasons.push('objects with this many kinds of field are not analysed');
  const out: Candidate[] = [];
  const build = (at: number, partial: Record<string, unknown>) => {
    if (out.length >= MAX_PRODUCT) return;
    if (at === fields.length) {
      out.push({ value: { ...partial }, piece: { kind: 'object' } });
      return;
    }
    for (const value of fields[at]!.values) {
      const next = { ...partial };
      if (value !== MISSING) next[fields[at]!.name] = value;
      build(at + 1, next);
    }
  };
  build(0, {});
  // A field no schema names, where one forbids or constrains them.
  const extra = uniqueName(names);
  if (location.schemas.some((constraint) => schemaOf(constraint)?.additionalProperties !== undefined)) out.push({ value: { [extra]: 1 }, piece: { kind: 'object' } });
  return out;
}

function fieldConstraint(constraint: Constraint, name: string): Constraint {
  const schema = schemaOf(constraint);
  if (schema === undefined) return 'any';
  const properties = schema.properties as Record<string, FactSchema> | undefined;
  if (properties !== undefined && Object.hasOwn(properties, name)) return properties[name]!;
  const additional = schema.additionalProperties;
  if (additional === false) return 'none';
  return typeof additional === 'object' && additional !== null ? (additional as FactSchema) : 'any';
}

/** A key that none of `names` is. */
export function uniqueName(names: ReadonlySet<string>, base = 'other'): string {
  let name = base;
  for (let i = 2; names.has(name); i++) name = `${base}${i}`;
  return name;
}

/** A small deterministic generator: the analysis gives the same answer every run. */
function seeded(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// The whole input space of one or more policies: a dimension a fact any of
// them declares (and one for keys none declares), each cut into cells that
// every policy treats alike. A cell is a class of values with one value to
// stand for it; what a policy does with a facts object depends only on the
// cell each fact falls in, so a set of cells a dimension (a box) is a set of
// inputs the analysis can decide at once.
import type { CompiledPolicy } from '@oversight/core';
import { planOf, leafState, UNKNOWN, type CompiledPlan, type ConditionNode, type LeafNode, type Tri } from '@oversight/core/internal';
import { candidatesAt, meets, MISSING, readAt, uniqueName, type Piece, type Value } from './value-classes.js';

export interface Cell {
  /** A value of the cell (MISSING: the key left out); unused on the opaque cell. */
  example: Value;
  pieces: Piece[];
  /** Per policy: the value stops evaluation at step 1 (undeclared or invalid). */
  error: boolean[];
  /** Per policy: the value fails its schema (as opposed to being undeclared). */
  invalid: boolean[];
  /** Values the cells could not be shown to cover: what a policy does with them is unknown. */
  opaque: boolean;
}

export interface Dimension {
  /** The fact's name; for the keys no policy declares, the key an example uses. */
  name: string;
  undeclaredKeys: boolean;
  cells: Cell[];
  all: bigint;
  opaque: bigint;
  /** Why some values are opaque. */
  incomplete?: string;
  /** The cell a value (MISSING: the key left out) falls in; -1 when no cell holds it and none is opaque (a gap the tests look for). */
  cellOf(value: Value): number;
}

/** A leaf of a policy's rules, with the cells where it is true, false and unknown. */
export interface LeafMasks {
  node: LeafNode;
  dimension: number;
  masks: [bigint, bigint, bigint];
}

export interface PolicyInSpace {
  compiled: CompiledPolicy;
  plan: CompiledPlan;
  leaves: Map<LeafNode, LeafMasks>;
  /** Per dimension: the cells that stop this policy at step 1. */
  errors: bigint[];
  /** Per dimension: the rules whose condition reads it. */
  rulesReading: number[][];
  /** The irreversible fact's dimension and its cells by what the gate reads, or undefined. */
  irreversible?: { dimension: number; byValue: [true | false | null, bigint][] };
}

export interface FactSpace {
  dimensions: Dimension[];
  policies: PolicyInSpace[];
}

const bit = (i: number) => 1n << BigInt(i);

/** The input space of `policies`, cut so each cell is decided alike by all of them. */
export function factSpace(policies: readonly CompiledPolicy[]): FactSpace {
  const plans = policies.map(planOf);
  const names = [...new Set(plans.flatMap((plan) => plan.facts.map((fact) => fact.name)))];
  const leavesOf = plans.map((plan) => plan.rules.flatMap((rule) => leavesIn(rule.when)));
  const dimensions: Dimension[] = names.map((name, d) => factDimension(name, plans, leavesOf, d + 1));
  dimensions.push(otherKeys(new Set(names), plans.length));

  const inSpace = plans.map((plan, p): PolicyInSpace => {
    const leaves = new Map<LeafNode, LeafMasks>();
    for (const leaf of leavesOf[p]!) {
      const dimension = names.indexOf(plan.facts[leaf.fact]!.name);
      const masks: [bigint, bigint, bigint] = [0n, 0n, 0n];
      dimensions[dimension]!.cells.forEach((cell, c) => {
        if (cell.opaque || cell.error[p]) return;
        masks[stateOf(leaf, cell.example, plan)] |= bit(c);
      });
      leaves.set(leaf, { node: leaf, dimension, masks });
    }
    const errors = dimensions.map((dimension) => dimension.cells.reduce((mask, cell, c) => (cell.error[p] ? mask | bit(c) : mask), 0n));
    const read = plan.rules.map((rule) => new Set(leavesIn(rule.when).map((leaf) => leaves.get(leaf)!.dimension)));
    const rulesReading = dimensions.map((_, d) => read.flatMap((dimensions, i) => (dimensions.has(d) ? [i] : [])));
    const result: PolicyInSpace = { compiled: policies[p]!, plan, leaves, errors, rulesReading };
    if (plan.irreversibleFact >= 0) {
      const dimension = names.indexOf(plan.facts[plan.irreversibleFact]!.name);
      const byValue = new Map<true | false | null, bigint>();
      dimensions[dimension]!.cells.forEach((cell, c) => {
        if (cell.opaque || cell.error[p]) return;
        const value = cell.example === true || cell.example === false ? cell.example : null;
        byValue.set(value, (byValue.get(value) ?? 0n) | bit(c));
      });
      result.irreversible = { dimension, byValue: [...byValue] };
    }
    return result;
  });
  return { dimensions, policies: inSpace };
}

function stateOf(leaf: LeafNode, example: Value, plan: CompiledPlan): Tri {
  return example === MISSING ? UNKNOWN : leafState(leaf, example, plan.thresholdValues);
}

function factDimension(name: string, plans: readonly CompiledPlan[], leavesOf: readonly LeafNode[][], seed: number): Dimension {
  const indexes = plans.map((plan) => plan.factIndex.get(name));
  const schemas = plans.map((plan, p) => (indexes[p] === undefined ? ('any' as const) : plan.policy.spec.facts[name]!));
  const reading = plans.map((_, p) => leavesOf[p]!.filter((leaf) => leaf.fact === indexes[p]));
  const reads = plans.flatMap((plan, p) => reading[p]!.map((leaf) => readAt(p, leaf, leaf.path ?? [], plan.thresholdValues)));
  const { candidates, complete, incomplete } = candidatesAt({ schemas, reads, depth: 0 }, seed);
  // What each policy does with a value here: stops at step 1, or the states of its leaves (and the gate's reading).
  // A top-level null is an absent fact to a policy that declares it, and an undeclared key to one that does not.
  const signature = (value: Value) =>
    plans
      .map((plan, p) => {
        const absent = value === MISSING || value === null;
        if (indexes[p] === undefined) return value === MISSING ? 'o' : 'u';
        if (!absent && !meets(schemas[p]!, value)) return 'i';
        const states = reading[p]!.map((leaf) => stateOf(leaf, absent ? MISSING : value, plan)).join('');
        const gate = indexes[p] === plan.irreversibleFact ? (value === true ? 't' : value === false ? 'f' : 'a') : '';
        return `v${states}${gate}`;
      })
      .join('|');
  const index = new Map<string, number>();
  const cells: Cell[] = [];
  for (const candidate of candidates) {
    const value = candidate.value;
    const key = signature(value);
    const known = index.get(key);
    if (known === undefined) {
      const marks = key.split('|');
      index.set(key, cells.length);
      cells.push({ example: value, pieces: [candidate.piece], error: marks.map((mark) => mark === 'i' || mark === 'u'), invalid: marks.map((mark) => mark === 'i'), opaque: false });
      continue;
    }
    const cell = cells[known]!;
    cell.pieces.push(candidate.piece);
    // An example leaves an absent fact out rather than sending null.
    if (value === MISSING && cell.example === null) cell.example = MISSING;
  }
  if (!complete) cells.push({ example: undefined, pieces: [], error: plans.map(() => false), invalid: plans.map(() => false), opaque: true });
  const opaque = complete ? -1 : cells.length - 1;
  return {
    name,
    undeclaredKeys: false,
    cells,
    all: bit(cells.length) - 1n,
    opaque: opaque < 0 ? 0n : bit(opaque),
    cellOf: (value) => index.get(signature(value)) ?? opaque,
    ...(incomplete === undefined ? {} : { incomplete }),
  };
}

/** Keys no policy declares: absent, or present (every policy stops at step 1). */
function otherKeys(declared: ReadonlySet<string>, policies: number): Dimension {
  const none = Array.from({ length: policies }, () => false);
  const cells: Cell[] = [
    { example: MISSING, pieces: [{ kind: 'missing' }], error: none, invalid: none, opaque: false },
    { example: 1, pieces: [], error: none.map(() => true), invalid: none, opaque: false },
  ];
  return { name: uniqueName(declared, 'undeclaredFact'), undeclaredKeys: true, cells, all: 3n, opaque: 0n, cellOf: (value) => (value === MISSING ? 0 : 1) };
}

/** The leaves of a condition, in order. */
export function leavesIn(node: ConditionNode, out: LeafNode[] = []): LeafNode[] {
  if (node.kind === 'leaf') out.push(node);
  else if (node.kind === 'not') leavesIn(node.child, out);
  else node.children.forEach((child) => leavesIn(child, out));
  return out;
}

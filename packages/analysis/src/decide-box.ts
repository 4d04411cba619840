// One policy over a box of inputs: its route, when every input in the box
// gets the same one, or how to cut the box so the parts come closer to that.
// Steps 1 to 5 as core runs them: step 1 from the cells' validity, the rules'
// states from each leaf's cells (three-valued, and a set of states where the
// box holds cells of more than one), and steps 3 to 5 by core's own
// decideRoute over every combination of the states that could matter.
import { decideRoute, newRouteOutcome, type CompiledPlan, type ConditionNode, type RouteOutcome } from '@oversight/core/internal';
import type { FactSpace, LeafMasks, PolicyInSpace } from './fact-space.js';

/** A set of inputs: per dimension, the cells it holds (a bitmask). */
export type Box = readonly bigint[];

export type BoxDecision = ({ kind: 'label'; label: string } | { kind: 'split'; dimension: number; parts: bigint[] }) & { known?: KnownSets };

/**
 * What a partition tells apart about a decision: the route (the default), or
 * more of core's outcome (the deciding rule, an exemption used, the default
 * taken). `ties`: the label may depend on which of the rules tied on the
 * route reached matched (their exemptions, the first of them deciding).
 */
export interface Labeler {
  label(outcome: RouteOutcome, states: Uint8Array, irreversible: boolean | null | undefined, plan: CompiledPlan): string;
  ties: boolean;
}

export const ROUTE_LABEL: Labeler = { label: (outcome) => outcome.route, ties: false };

/** The rule states a box was decided with: a part of that box recomputes only the rules that read where it differs. */
export interface KnownSets {
  sets: Uint8Array;
  box: Box;
}

// The states a condition can take over a box, as bits: 1 false, 2 true, 4 unknown (core's 0, 1, 2).
const F = 1;
const T = 2;
const U = 4;
/** Combinations tried before a box is cut instead: 3^4 states by 3 readings of irreversible. */
const MAX_OPEN_RULES = 4;

/** The decision of `policy` (an index into the space) over `box`. */
export function decideBox(space: FactSpace, policy: number, box: Box, known?: KnownSets, labeler: Labeler = ROUTE_LABEL): BoxDecision {
  const view = space.policies[policy]!;
  const plan = view.plan;
  // Step 1: a dimension of cells that all stop the policy decides the box; one that mixes them cuts it.
  let mixed = -1;
  for (let d = 0; d < box.length; d++) {
    const errors = box[d]! & view.errors[d]!;
    if (errors === box[d]!) return { kind: 'label', label: labeler.label(stoppedAtStepOne(plan), new Uint8Array(plan.rules.length), undefined, plan) };
    if (errors !== 0n && mixed < 0) mixed = d;
  }
  if (mixed >= 0) return { kind: 'split', dimension: mixed, parts: [box[mixed]! & view.errors[mixed]!, box[mixed]! & ~view.errors[mixed]!] };

  const sets = known === undefined ? Uint8Array.from(plan.rules, (rule) => conditionSet(rule.when, view, box)) : Uint8Array.from(known.sets);
  // A part holds fewer cells than the box it came from: a rule's states can only narrow, and one state stays as it was.
  if (known !== undefined) {
    for (let d = 0; d < box.length; d++) {
      if (box[d] === known.box[d]) continue;
      for (const i of view.rulesReading[d]!) if (!single(sets[i]!)) sets[i] = conditionSet(plan.rules[i]!.when, view, box);
    }
  }
  const computed = { sets, box };
  const open = openRules(view, sets, labeler.ties);
  const readings = irreversibleReadings(view, box);
  if (open.length <= MAX_OPEN_RULES) {
    const states = new Uint8Array(plan.rules.length);
    sets.forEach((set, i) => (states[i] = set === T ? 1 : set === U ? 2 : 0));
    const labels = new Set<string>();
    let gateMatters = false;
    const out = newRouteOutcome();
    const visit = (k: number) => {
      if (k === open.length) {
        const seen = new Set<string>();
        for (const [reading] of readings) seen.add(labeler.label(decideRoute(plan, states, reading, out), states, reading, plan));
        if (seen.size > 1) gateMatters = true;
        seen.forEach((label) => labels.add(label));
        return;
      }
      const i = open[k]!;
      for (const state of [0, 1, 2]) {
        if ((sets[i]! & (1 << state)) === 0) continue;
        states[i] = state;
        visit(k + 1);
      }
    };
    visit(0);
    if (labels.size === 1) return { kind: 'label', label: [...labels][0]! };
    if (gateMatters) return { kind: 'split', dimension: view.irreversible!.dimension, parts: readings.map(([, cells]) => cells), known: computed };
  }
  // Cut on a leaf of the rule that decides most: the strictest open rule, or the first under first-match.
  const rule = open.length === 0 ? undefined : plan.strategy === 'first-match' ? open[0]! : open.reduce((best, i) => (plan.rules[i]!.rank > plan.rules[best]!.rank ? i : best));
  const leaf = rule === undefined ? undefined : openLeaf(plan.rules[rule]!.when, view, box);
  if (leaf === undefined) throw new Error(`policy '${plan.name}': a box with an open rule has no open leaf`);
  const cells = box[leaf.dimension]!;
  return { kind: 'split', dimension: leaf.dimension, parts: leaf.masks.map((mask) => mask & cells).filter((part) => part !== 0n), known: computed };
}

/**
 * The rules whose state is not one alone in the box and could change the
 * route: under most-restrictive, none below the strictest rule that surely
 * matches (nor on its route, unless the gate may look at it); under
 * first-match, none after the first rule that surely matches.
 */
function openRules(view: PolicyInSpace, sets: Uint8Array, ties: boolean): number[] {
  const rules = view.plan.rules;
  const open: number[] = [];
  if (view.plan.strategy === 'first-match') {
    for (let i = 0; i < rules.length; i++) {
      if (sets[i] === T) break;
      if (!single(sets[i]!)) open.push(i);
    }
    return open;
  }
  let floor = -1;
  sets.forEach((set, i) => {
    if (set === T) floor = Math.max(floor, rules[i]!.rank);
  });
  // The gate reads the exemptions of the rules on the route reached, auto or review_after.
  const gated = floor >= 0 && floor <= 1 && view.irreversible !== undefined;
  sets.forEach((set, i) => {
    const rank = rules[i]!.rank;
    if (!single(set) && (rank > floor || (rank === floor && (gated || ties)))) open.push(i);
  });
  return open;
}

const single = (set: number) => set === F || set === T || set === U;

/** Core's outcome for facts step 1 refused (undeclared or invalid): onError, no rule deciding. */
function stoppedAtStepOne(plan: CompiledPlan): RouteOutcome {
  return { ...newRouteOutcome(), route: plan.onErrorRoute, error: 'invalid-fact' };
}

/** What the gate reads in the box's irreversible cells, with those cells; one reading of nothing when the policy declares none. */
function irreversibleReadings(view: PolicyInSpace, box: Box): [true | false | null | undefined, bigint][] {
  if (view.irreversible === undefined) return [[undefined, 0n]];
  const cells = box[view.irreversible.dimension]!;
  return view.irreversible.byValue.filter(([, mask]) => (mask & cells) !== 0n).map(([value, mask]) => [value, mask & cells]);
}

/** The states `node` can take over the box (Kleene logic lifted to sets; one state alone is exact). */
function conditionSet(node: ConditionNode, view: PolicyInSpace, box: Box): number {
  switch (node.kind) {
    case 'leaf': {
      const leaf = view.leaves.get(node)!;
      const cells = box[leaf.dimension]!;
      return (leaf.masks[0] & cells ? F : 0) | (leaf.masks[1] & cells ? T : 0) | (leaf.masks[2] & cells ? U : 0);
    }
    case 'not': {
      const set = conditionSet(node.child, view, box);
      return (set & U) | (set & T ? F : 0) | (set & F ? T : 0);
    }
    case 'all':
      return junction(node.children, view, box, F, T);
    case 'any':
      return junction(node.children, view, box, T, F);
  }
}

/**
 * An all (decisive: false) or an any (decisive: true) over its children's sets:
 * decisive if some child can be; the other state if every child can be; unknown
 * if no child must be decisive, every child can avoid it, and one can be unknown.
 */
function junction(children: readonly ConditionNode[], view: PolicyInSpace, box: Box, decisive: number, other: number): number {
  let someDecisive = false;
  let allOther = true;
  let allAvoidDecisive = true;
  let someUnknown = false;
  for (const child of children) {
    const set = conditionSet(child, view, box);
    someDecisive ||= (set & decisive) !== 0;
    allOther &&= (set & other) !== 0;
    allAvoidDecisive &&= (set & (other | U)) !== 0;
    someUnknown ||= (set & U) !== 0;
  }
  return (someDecisive ? decisive : 0) | (allOther ? other : 0) | (allAvoidDecisive && someUnknown ? U : 0);
}

/** The first leaf of `node` whose cells in the box do not all agree. */
function openLeaf(node: ConditionNode, view: PolicyInSpace, box: Box): LeafMasks | undefined {
  if (node.kind === 'leaf') {
    const leaf = view.leaves.get(node)!;
    const cells = box[leaf.dimension]!;
    const parts = leaf.masks.filter((mask) => (mask & cells) !== 0n).length;
    return parts > 1 ? leaf : undefined;
  }
  const children = node.kind === 'not' ? [node.child] : node.children;
  for (const child of children) {
    const found = openLeaf(child, view, box);
    if (found !== undefined) return found;
  }
  return undefined;
}

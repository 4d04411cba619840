// The input space cut into boxes on which every policy has one route: each
// policy's decision over a box either holds for all of it or says where to
// cut, and the cutting goes on until all of them hold. Values the cells could
// not be shown to cover (opaque cells) are set aside as boxes of unknown route.
import type { Route } from '@oversight/core';
import { decideBox, type Box, type BoxDecision, type KnownSets } from './decide-box.js';
import type { FactSpace } from './fact-space.js';

export interface DecidedBox {
  box: Box;
  /** Per policy; undefined where the box holds values the analysis could not cover. */
  routes: (Route | undefined)[];
}

/** Every box of the space, each with its route per policy; `keep` drops boxes early (a diff keeps only disagreements). */
export function partition(space: FactSpace, keep: (routes: readonly (Route | undefined)[]) => boolean = () => true): DecidedBox[] {
  const out: DecidedBox[] = [];
  const count = space.policies.length;
  const whole: Box = space.dimensions.map((dimension) => dimension.all);
  // An explicit stack: a policy of many rules can cut a box many times over.
  // Each part carries the rule states each open policy had on its parent, so only what the cut touched is recomputed.
  const stack: { box: Box; routes: (Route | undefined)[]; known: (KnownSets | undefined)[] }[] = [];
  // Opaque cells first: one box of unknown route a dimension that has them.
  let rest = whole;
  space.dimensions.forEach((dimension, d) => {
    if (dimension.opaque === 0n) return;
    const opaque = rest.map((cells, i) => (i === d ? dimension.opaque : cells));
    const routes = Array.from({ length: count }, () => undefined);
    if (keep(routes)) out.push({ box: opaque, routes });
    rest = rest.map((cells, i) => (i === d ? cells & ~dimension.opaque : cells));
  });
  stack.push({ box: rest, routes: Array.from({ length: count }, () => undefined), known: Array.from({ length: count }, () => undefined) });
  while (stack.length > 0) {
    const { box, routes: parent, known } = stack.pop()!;
    const routes = [...parent];
    const next = [...known];
    // Every open policy is decided on the box; the first that needs a cut makes it.
    let split: Extract<BoxDecision, { kind: 'split' }> | undefined;
    for (let p = 0; p < count; p++) {
      if (routes[p] !== undefined) continue;
      const decision = decideBox(space, p, box, known[p]);
      next[p] = decision.known;
      if (decision.kind === 'route') routes[p] = decision.route;
      else split ??= decision;
    }
    if (split === undefined) {
      if (keep(routes)) out.push({ box, routes });
      continue;
    }
    for (const part of split.parts) stack.push({ box: box.map((cells, d) => (d === split.dimension ? part : cells)), routes, known: next });
  }
  return out;
}

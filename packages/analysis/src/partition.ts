// The input space cut into boxes on which every policy has one route: each
// policy's decision over a box either holds for all of it or says where to
// cut, and the cutting goes on until all of them hold. Values the cells could
// not be shown to cover (opaque cells) are set aside as boxes of unknown route.
import { decideBox, ROUTE_LABEL, type Box, type BoxDecision, type KnownSets, type Labeler } from './decide-box.js';
import type { FactSpace } from './fact-space.js';

export interface DecidedBox {
  box: Box;
  /** Per policy, what its labeler says (the route, by default); undefined where the box holds values the analysis could not cover. */
  labels: (string | undefined)[];
  /** Set when the box was left undecided because the analysis reached MAX_BOXES. */
  stopped?: true;
}

/** Boxes decided (or cut) before the rest are left undecided: a policy too large to analyse answers "unknown" in seconds, never hangs. */
export const MAX_BOXES = 250_000;

/** Every box of the space, each with its label per policy; `keep` drops boxes early (a diff keeps only disagreements). */
export function partition(space: FactSpace, keep: (labels: readonly (string | undefined)[]) => boolean = () => true, labelers: readonly Labeler[] = [], maxBoxes = MAX_BOXES): DecidedBox[] {
  const out: DecidedBox[] = [];
  const count = space.policies.length;
  const whole: Box = space.dimensions.map((dimension) => dimension.all);
  // An explicit stack: a policy of many rules can cut a box many times over.
  // Each part carries the rule states each open policy had on its parent, so only what the cut touched is recomputed.
  const stack: { box: Box; labels: (string | undefined)[]; known: (KnownSets | undefined)[] }[] = [];
  // Opaque cells first: one box of unknown route a dimension that has them.
  let rest = whole;
  space.dimensions.forEach((dimension, d) => {
    if (dimension.opaque === 0n) return;
    const opaque = rest.map((cells, i) => (i === d ? dimension.opaque : cells));
    const labels = Array.from({ length: count }, () => undefined);
    if (keep(labels)) out.push({ box: opaque, labels });
    rest = rest.map((cells, i) => (i === d ? cells & ~dimension.opaque : cells));
  });
  stack.push({ box: rest, labels: Array.from({ length: count }, () => undefined), known: Array.from({ length: count }, () => undefined) });
  for (let visited = 0; stack.length > 0; visited++) {
    const { box, labels: parent, known } = stack.pop()!;
    if (visited >= maxBoxes) {
      if (keep(parent)) out.push({ box, labels: parent, stopped: true });
      continue;
    }
    const labels = [...parent];
    const next = [...known];
    // Every open policy is decided on the box; the first that needs a cut makes it.
    let split: Extract<BoxDecision, { kind: 'split' }> | undefined;
    for (let p = 0; p < count; p++) {
      if (labels[p] !== undefined) continue;
      const decision = decideBox(space, p, box, known[p], labelers[p] ?? ROUTE_LABEL);
      next[p] = decision.known;
      if (decision.kind === 'label') labels[p] = decision.label;
      else split ??= decision;
    }
    if (split === undefined) {
      if (keep(labels)) out.push({ box, labels });
      continue;
    }
    for (const part of split.parts) stack.push({ box: box.map((cells, d) => (d === split.dimension ? part : cells)), labels, known: next });
  }
  return out;
}

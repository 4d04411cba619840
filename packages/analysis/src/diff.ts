// Where two policies route the same input differently, over every input their
// facts admit: the regions, merged to as few as the cut allows, each in words
// and with one facts object that reproduces it under `oversight eval`.
import { evaluateRoute, type CompiledPolicy, type Route } from '@oversight/core';
import type { Box } from './decide-box.js';
import { describeBox } from './describe.js';
import { factSpace, type FactSpace } from './fact-space.js';
import { mergeBoxes } from './merge-boxes.js';
import { partition } from './partition.js';
import { exampleOf } from './points.js';

export interface PolicyRef {
  name: string;
  version: number;
  hash: string;
}

export interface ChangedRegion {
  from: Route;
  to: Route;
  /** One phrase a constrained fact; empty for every input. */
  where: string[];
  /** Facts in the region: the baseline routes them `from`, the candidate `to`. */
  example: Record<string, unknown>;
  box: Box;
}

export interface UnknownRegion {
  where: string[];
  box: Box;
  /** Set when the region is unknown because the analysis reached its limit of boxes (a policy too large to cut exactly). */
  stopped?: true;
}

export interface PolicyDiff {
  baseline: PolicyRef;
  candidate: PolicyRef;
  /** True when no input the analysis covers routes differently, and it covers every input. */
  equivalent: boolean;
  changed: ChangedRegion[];
  /** Inputs the analysis could not decide (schema keywords it samples without reaching every case). */
  unknown: UnknownRegion[];
  space: FactSpace;
}

const ref = (policy: CompiledPolicy): PolicyRef => ({ name: policy.name, version: policy.version, hash: policy.hash });

/** The regions where `candidate` routes inputs otherwise than `baseline`. */
export function diffPolicies(baseline: CompiledPolicy, candidate: CompiledPolicy, options: { maxBoxes?: number } = {}): PolicyDiff {
  const space = factSpace([baseline, candidate]);
  const boxes = partition(space, ([from, to]) => from === undefined || to === undefined || from !== to, [], options.maxBoxes);
  const undecided = boxes.filter(({ labels }) => labels.includes(undefined));
  const unknown: UnknownRegion[] = [
    ...mergeBoxes(undecided.filter(({ stopped }) => stopped === undefined).map(({ box }) => box)).map((box) => ({ where: describeBox(space, box), box })),
    ...mergeBoxes(undecided.filter(({ stopped }) => stopped === true).map(({ box }) => box)).map((box) => ({ where: describeBox(space, box), box, stopped: true as const })),
  ];
  const byChange = new Map<string, Box[]>();
  for (const { box, labels } of boxes) {
    if (labels.includes(undefined)) continue;
    const key = `${labels[0]}→${labels[1]}`;
    byChange.set(key, [...(byChange.get(key) ?? []), box]);
  }
  const changed: ChangedRegion[] = [];
  for (const [key, group] of [...byChange].sort(([a], [b]) => a.localeCompare(b))) {
    const [from, to] = key.split('→') as [Route, Route];
    for (const box of mergeBoxes(group)) {
      const example = exampleOf(space, box)!;
      // The example is evaluated, not trusted: a region it does not reproduce is a bug, reported loudly.
      const routes = [evaluateRoute(baseline, example).route, evaluateRoute(candidate, example).route];
      if (routes[0] !== from || routes[1] !== to) throw new Error(`analysis: an example of ${from} → ${to} routes ${routes.join(' → ')}: ${JSON.stringify(example)}`);
      changed.push({ from, to, where: describeBox(space, box), example, box });
    }
  }
  return { baseline: ref(baseline), candidate: ref(candidate), equivalent: changed.length === 0 && unknown.length === 0, changed, unknown, space };
}

// Claims about a policy checked over every input its facts admit, each
// answered "holds" or "fails, for example: {facts}". A claim is decided by
// partitioning the space with a label that says what the claim asks of each
// decision (an exemption used, the default taken, the rule deciding), and a
// stated region (a claim's own condition) as a second policy of one rule in
// the same space, so both are cut exactly alike.
import { compilePolicy, evaluateRoute, type CompiledPolicy, type Condition, type Policy, type Route } from '@oversight/core';
import { TRUE, type RouteOutcome } from '@oversight/core/internal';
import type { Box, Labeler } from './decide-box.js';
import { ROUTE_LABEL } from './decide-box.js';
import { describeBox } from './describe.js';
import { factSpace, type FactSpace } from './fact-space.js';
import { mergeBoxes } from './merge-boxes.js';
import { MAX_BOXES, partition } from './partition.js';
import { exampleOf } from './points.js';

export type Claim =
  /** No action that is irreversible (or not known to be reversible) runs before a person looks, but through the exempt rules listed (default: every rule the policy exempts). */
  | { name: string; kind: 'irreversible-waits'; exempt?: readonly string[] }
  /** No input falls through to the policy's default. */
  | { name: string; kind: 'no-default' }
  /** Every rule decides at least one input. */
  | { name: string; kind: 'rules-effective' }
  /** Every valid input where `when` holds is routed to one of `is`. */
  | { name: string; kind: 'route'; when: Condition; is: readonly Route[] };

export interface ClaimRegion {
  where: string[];
  /** The region's cells in the claim's `space`. */
  box: Box;
  example?: Record<string, unknown>;
  /** What the region shows, for the claim: the route, the rules exempted, the rule that wins. */
  note: string;
}

export interface ClaimResult {
  name: string;
  kind: Claim['kind'];
  holds: boolean;
  /** The inputs that break the claim, each with an example. */
  failures: ClaimRegion[];
  /** What the claim states beside its answer: the exemptions' regions, say. */
  stated: ClaimRegion[];
  /** Inputs the analysis could not decide: the claim holds on every other input. */
  unknown: ClaimRegion[];
  /** The space the regions' boxes are cut in (cellsOf places facts in it). */
  space: FactSpace;
}

/** The built-in claims `oversight prove` checks when a policy has no claims file. */
export const BUILT_IN_CLAIMS: readonly Claim[] = [
  { name: 'irreversible-waits', kind: 'irreversible-waits' },
  { name: 'no-default', kind: 'no-default' },
  { name: 'rules-effective', kind: 'rules-effective' },
];

export function provePolicy(policy: CompiledPolicy, claims: readonly Claim[]): ClaimResult[] {
  return claims.map((claim) => {
    switch (claim.kind) {
      case 'irreversible-waits':
        return irreversibleWaits(policy, claim);
      case 'no-default':
        return noDefault(policy, claim);
      case 'rules-effective':
        return rulesEffective(policy, claim);
      case 'route':
        return routeClaim(policy, claim);
    }
  });
}

const AUTO_RANK = 0;
const REVIEW_AFTER_RANK = 1;

/**
 * The route, and for an action that runs first although the gate would stop
 * it were it not exempt (irreversible, or not known reversible), the rules
 * whose exemption let it through.
 */
const EXEMPTIONS: Labeler = {
  ties: true,
  label(outcome, states, irreversible, plan) {
    const runsFirst = outcome.route === 'auto' || outcome.route === 'review_after';
    if (!runsFirst || outcome.error !== undefined || outcome.gated || plan.irreversibleFact < 0 || irreversible === false || outcome.deciding < 0) return outcome.route;
    const rank = outcome.route === 'auto' ? AUTO_RANK : REVIEW_AFTER_RANK;
    const exempted = plan.strategy === 'first-match' ? [outcome.deciding] : plan.rules.flatMap((rule, i) => (states[i] === TRUE && rule.rank === rank ? [i] : []));
    return `${outcome.route} exempt:${exempted.map((i) => plan.rules[i]!.id).join(',')}`;
  },
};

function irreversibleWaits(policy: CompiledPolicy, claim: Extract<Claim, { kind: 'irreversible-waits' }>): ClaimResult {
  const allowed = new Set(claim.exempt ?? policy.policy.spec.rules.filter((rule) => rule.exempt?.includes('irreversible')).map((rule) => rule.id));
  const space = factSpace([policy]);
  const groups = grouped(partition(space, ([label]) => label === undefined || label.includes(' exempt:'), [EXEMPTIONS]), 0);
  const result = emptyResult(claim, space);
  // Without the fact the policy cannot tell an irreversible action apart: said, since the claim then holds by default.
  if (!Object.hasOwn(policy.policy.spec.facts, 'irreversible')) result.stated.push({ where: [], box: space.dimensions.map((dimension) => dimension.all), note: 'the policy declares no irreversible fact, so no action is known to be irreversible and the gate never applies' });
  for (const [label, boxes] of groups) {
    if (label === undefined) {
      result.unknown.push(...boxes.map((box) => undecided(space, box)));
      continue;
    }
    const [route, list] = label.split(' exempt:') as [string, string];
    const rules = list.split(',');
    const unlisted = rules.filter((id) => !allowed.has(id));
    const note = `${route} before a person looks, through the exemption of ${rules.join(', ')}`;
    const regions = boxes.map((box) => region(space, box, note, policy, route as Route));
    if (unlisted.length === 0) result.stated.push(...regions);
    else result.failures.push(...regions.map((each) => ({ ...each, note: `${each.note} (not among the exemptions the claim allows: ${unlisted.join(', ')})` })));
  }
  return finish(result);
}

const DEFAULT_TAKEN: Labeler = {
  ties: false,
  label: (outcome) => (outcome.deciding < 0 && outcome.error === undefined ? `${outcome.route} default` : outcome.route),
};

function noDefault(policy: CompiledPolicy, claim: Claim): ClaimResult {
  const space = factSpace([policy]);
  const result = emptyResult(claim, space);
  for (const [label, boxes] of grouped(partition(space, ([label]) => label === undefined || label.endsWith(' default'), [DEFAULT_TAKEN]), 0)) {
    if (label === undefined) result.unknown.push(...boxes.map((box) => undecided(space, box)));
    else result.failures.push(...boxes.map((box) => region(space, box, `no rule matches: the default, ${label.replace(' default', '')}`, policy, label.replace(' default', '') as Route)));
  }
  return finish(result);
}

/** The rule that decides (its index), or that none does. */
const DECIDING: Labeler = {
  ties: true,
  label: (outcome: RouteOutcome) => (outcome.error === undefined && outcome.deciding >= 0 ? String(outcome.deciding) : 'none'),
};

function rulesEffective(policy: CompiledPolicy, claim: Claim): ClaimResult {
  const rules = policy.policy.spec.rules;
  const space = factSpace([policy]);
  const decided = partition(space, () => true, [DECIDING]);
  const deciding = new Set(decided.map(({ labels }) => labels[0]));
  const result = emptyResult(claim, space);
  // A rule missing from a partition cut short may decide where the analysis stopped: unknown, not a failure.
  const stopped = decided.filter((box) => box.stopped === true);
  if (stopped.length > 0) {
    result.unknown.push(...mergeBoxes(stopped.map(({ box }) => box)).map((box) => undecided(space, box, STOPPED)));
    return finish(result);
  }
  rules.forEach((rule, i) => {
    if (deciding.has(String(i))) return;
    // Where the rule's condition holds, which rules decide instead.
    const matches = conditionPolicy(policy.policy, rule.when);
    const pair = factSpace([policy, matches]);
    const where = partition(pair, ([, holds]) => holds === 'deny', [DECIDING, ROUTE_LABEL]);
    const winners = [...new Set(where.flatMap(({ labels }) => (labels[0] === undefined || labels[0] === 'none' ? [] : [rules[Number(labels[0])]!.id])))];
    const example = where.length === 0 ? undefined : exampleOf(pair, where[0]!.box);
    result.failures.push({
      where: [`rule ${rule.id}`],
      // A rule, not a region: the box is the whole space.
      box: space.dimensions.map((dimension) => dimension.all),
      ...(example === undefined ? {} : { example }),
      note: where.length === 0 ? `${rule.id} matches no valid input` : `${rule.id} never decides: where it matches, ${winners.join(', ') || 'a missing fact (onError)'} decide${winners.length === 1 ? 's' : ''}`,
    });
  });
  return finish(result);
}

function routeClaim(policy: CompiledPolicy, claim: Extract<Claim, { kind: 'route' }>): ClaimResult {
  const space = factSpace([policy, conditionPolicy(policy.policy, claim.when)]);
  const allowed = new Set<string>(claim.is);
  // The second policy denies exactly where the claim's condition holds.
  const boxes = partition(space, ([route, holds]) => (holds === undefined || holds === 'deny') && (route === undefined || !allowed.has(route)));
  const result = emptyResult(claim, space);
  // Undecided if either the route or whether the condition holds is unknown there.
  const decided = boxes.map(({ box, labels }) => ({ box, labels: [labels[1] === undefined ? undefined : labels[0]] }));
  for (const [label, group] of grouped(decided, 0)) {
    if (label === undefined) result.unknown.push(...group.map((box) => undecided(space, box)));
    else result.failures.push(...group.map((box) => region(space, box, `routed ${label}, not ${claim.is.join(' or ')}`, policy, label as Route)));
  }
  return finish(result);
}

/**
 * A policy of one rule that denies exactly where `when` holds over valid
 * facts (the policy's own declarations and thresholds): unknown and false
 * end elsewhere (approve_before through onError, auto by default).
 */
export function conditionPolicy(policy: Policy, when: Condition): CompiledPolicy {
  const { facts, thresholds } = policy.spec;
  return compilePolicy({
    apiVersion: 'oversight/v1',
    kind: 'RoutingPolicy',
    metadata: { name: `${policy.metadata.name}-claim`, version: 1, owner: policy.metadata.owner },
    spec: { strategy: 'first-match', default: 'auto', onError: 'approve_before', facts, ...(thresholds === undefined ? {} : { thresholds }), rules: [{ id: 'claim', when, route: 'deny' }] },
  });
}

/** The boxes by the label of policy `p`, each group merged. */
function grouped(boxes: readonly { box: Box; labels: readonly (string | undefined)[] }[], p: number): Map<string | undefined, Box[]> {
  const groups = new Map<string | undefined, Box[]>();
  for (const { box, labels } of boxes) groups.set(labels[p], [...(groups.get(labels[p]) ?? []), box]);
  return new Map([...groups].map(([label, group]) => [label, mergeBoxes(group)]));
}

/** A region in words with an example, which is evaluated, not trusted: one `policy` does not route `route` is a bug, reported loudly. */
function region(space: FactSpace, box: Box, note: string, policy: CompiledPolicy, route: Route): ClaimRegion {
  const example = exampleOf(space, box);
  if (example !== undefined && evaluateRoute(policy, example).route !== route) throw new Error(`analysis: an example of a region routed ${route} routes ${evaluateRoute(policy, example).route}: ${JSON.stringify(example)}`);
  return { where: describeBox(space, box), box, ...(example === undefined ? {} : { example }), note };
}

/** A region the analysis could not decide, in words, with why when it is more than the words say. */
const undecided = (space: FactSpace, box: Box, note = ''): ClaimRegion => ({ where: describeBox(space, box), box, note });

/** Why a region stopped short is not decided. */
const STOPPED = `the analysis stopped at its limit of ${MAX_BOXES.toLocaleString('en-US')} boxes: the policy is too large to cut exactly here`;

const emptyResult = (claim: Claim, space: FactSpace): ClaimResult => ({ name: claim.name, kind: claim.kind, holds: true, failures: [], stated: [], unknown: [], space });
const finish = (result: ClaimResult): ClaimResult => ({ ...result, holds: result.failures.length === 0 });

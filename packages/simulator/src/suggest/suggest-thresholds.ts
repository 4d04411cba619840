import type { CompiledPolicy } from '@oversight/core';
import type { HistorySource } from '../history/replay-history.js';
import { proportion } from '../metrics/wilson.js';
import type { ReplayState } from '../replay/replay-state.js';
import { FIDELITY_WARNING } from '../report/build-report.js';
import type { PolicyUnderTest } from '../simulate.js';
import { MAX_POINTS } from '../sweep/sweep-grid.js';
import { sweepReport, sweepVariants, type SweepOptions } from '../sweep/sweep.js';
import type { SweepPoint, SweepRange } from '../types.js';
import { DEFAULT_STEPS, MAX_STEPS, thresholdGrid, type ThresholdGrid } from './suggest-grid.js';
import { replayForSuggestions, type SuggestTally } from './suggest-replay.js';
import type { EscapeEstimate, RefusedMove, Suggestion, SuggestionReport, ThresholdSearch } from './suggest-types.js';

/** 0.5% of replayed records: the escape budget when the caller names none. */
export const DEFAULT_MAX_ESCAPE_RATE = 0.005;

export interface SuggestOptions {
  /** The policy as written (a compiled policy, or `{ label, plan }` as simulate and sweep take it, without threshold overrides). */
  policy: PolicyUnderTest | CompiledPolicy;
  /** Escapes allowed, as a share of replayed records, held to the upper end of the Wilson 95% interval (default 0.005). */
  maxEscapeRate?: number;
  /** Thresholds to search (default: every threshold the policy declares). */
  thresholds?: readonly string[];
  /** Equal intervals of each threshold's range on the grid (default 20: 21 values, plus the policy's own). */
  steps?: number;
}

/** A grid point with everything the search reads about it. */
interface Candidate {
  value: number;
  point: SweepPoint;
  tally: SuggestTally;
  escapes: EscapeEstimate;
}

interface Context {
  name: string;
  from: number;
  base: Candidate;
  replayed: number;
  budget: number;
}

/**
 * "Increase autonomy only after evidence": for each threshold, one at a time
 * with the others at the policy's values, replays the history at every point
 * of a grid over its range (one pass: the simulator's sweep, every point a
 * variant) and suggests at most one move each way.
 *
 * - **Loosen**: the direction in which the sweep runs more records
 *   automatically. The search walks away from the policy's value one grid
 *   point at a time and stops at the first point that (a) lets a replayed
 *   record with `facts.irreversible: true` that the policy as written sends to
 *   a person first (approve_before, escalate) or denies run alone (auto) or
 *   before review (review_after), or (b) has escapes whose Wilson 95% upper
 *   bound, as a share of replayed records, is above `maxEscapeRate`. That
 *   point is listed in `refused` with its reason. Of the points before it, the
 *   suggestion is the farthest one at which a replayed record still changes
 *   route: points beyond it decide every replayed record the same way, so
 *   history holds no evidence for them. No suggestion when nothing changes.
 *
 * - **Tighten**: the direction in which fewer records run automatically. For
 *   each point there: added reviews = its reviews minus the policy's;
 *   caught = the policy's automated errors minus the point's (the sweep's
 *   `automatedErrors`: labelled-bad records run automatically, which for
 *   records history ran automatically means QA-sampled or failed downstream).
 *   The yield is caught / added reviews with its Wilson 95% interval; the
 *   suggestion is the point with the highest lower bound (ties: more caught,
 *   then the smaller move), reported only when that lower bound is above the
 *   upper bound of the automatic decisions' own labelled error rate: the move
 *   must send riskier records than automation handles on the whole, or it only
 *   reviews more of the same. It must pass the
 *   irreversible check, and the escape budget too if it runs any record
 *   automatically that the policy as written does not.
 *
 * Every figure comes from the sweep's points; the route changes, their labels
 * and the irreversible records come from the same pass (suggest-replay).
 */
export async function suggestThresholds(
  history: AsyncIterable<HistorySource> | Iterable<HistorySource>,
  options: SuggestOptions,
): Promise<SuggestionReport> {
  const { label, plan } = policyOf(options.policy);
  const budget = options.maxEscapeRate ?? DEFAULT_MAX_ESCAPE_RATE;
  if (!(budget > 0 && budget < 1)) throw new TypeError(`maxEscapeRate must be above 0 and below 1 (a share of replayed records: 0.005 is 0.5%), got ${budget}`);
  const steps = options.steps ?? DEFAULT_STEPS;
  if (!Number.isInteger(steps) || steps < 1 || steps > MAX_STEPS) throw new TypeError(`steps must be a whole number from 1 to ${MAX_STEPS}, got ${steps}`);
  const names = options.thresholds ?? plan.thresholdNames;
  const repeated = names.find((name, i) => names.indexOf(name) !== i);
  if (repeated !== undefined) throw new TypeError(`threshold '${repeated}' is named twice`);

  const grids = names.map((name) => thresholdGrid(plan, name, steps));
  const points = grids.flatMap((grid) => grid.values.map((value) => ({ [grid.name]: value })));
  if (points.length > MAX_POINTS) throw new TypeError(`the search has ${points.length} points, more than ${MAX_POINTS}: use fewer steps or fewer thresholds`);
  const vary = grids.map(rangeOf);
  const { state, tallies } = await replayForSuggestions(history, sweepVariants({ label, plan, vary, points }));

  const suggestions: Suggestion[] = [];
  const refused: RefusedMove[] = [];
  const searches: ThresholdSearch[] = [];
  let offset = 0;
  for (const [i, grid] of grids.entries()) {
    const count = grid.values.length;
    const axis: SweepOptions = { label, plan, vary: [vary[i]!], points: points.slice(offset, offset + count) };
    // The sweep of this threshold alone: the baseline, then its own points.
    const sub: ReplayState = { ...state, variants: [state.variants[0]!, ...state.variants.slice(1 + offset, 1 + offset + count)] };
    const report = sweepReport(sub, axis);
    const candidates = report.points.map((point, j): Candidate => {
      const escapes = proportion(point.escapes, state.replayed);
      return {
        value: grid.values[j]!,
        point,
        tally: tallies[1 + offset + j]!,
        escapes: { count: point.escapes, rate: escapes.rate ?? 0, upper95: escapes.interval?.[1] ?? 1 },
      };
    });
    offset += count;
    searches.push(searchThreshold(grid, candidates, state.replayed, budget, suggestions, refused));
  }

  const warnings: string[] = [];
  const fidelity = state.fidelity;
  const fidelityRate = fidelity.of === 0 ? null : fidelity.reproduced / fidelity.of;
  if (state.replayed === 0) warnings.push(`the history has no records of policy '${plan.name}': nothing was replayed, so nothing is suggested`);
  else if (fidelityRate !== null && fidelityRate < FIDELITY_WARNING) {
    warnings.push(`the policy reproduces only ${pct(fidelityRate)} of recorded routes (${fidelity.of - fidelity.reproduced} of ${fidelity.of} differ): every suggestion is suspect; search with the policy that produced this history`);
  }
  if (state.invalid.count > 0) warnings.push(`${state.invalid.count} history line(s) could not be read and were left out`);

  return {
    reportVersion: 1,
    policy: { name: plan.name, version: plan.version, hash: plan.hash },
    history: {
      sources: [...state.sources],
      total: state.total,
      replayed: state.replayed,
      otherPolicies: { ...state.otherPolicies },
      invalid: state.invalid.count,
      duplicates: state.duplicates.count,
      fidelity: { reproduced: fidelity.reproduced, of: fidelity.of, rate: fidelityRate },
    },
    budget: { maxEscapeRate: budget, confidence: 0.95 },
    suggestions,
    refused,
    thresholds: searches,
    warnings,
  };
}

function policyOf(policy: PolicyUnderTest | CompiledPolicy): { label: string; plan: CompiledPolicy } {
  if (!('plan' in policy)) return { label: policy.name, plan: policy };
  if (policy.thresholds !== undefined && Object.keys(policy.thresholds).length > 0) {
    throw new TypeError('suggestThresholds searches from the policy as written: write threshold overrides into the policy first');
  }
  return { label: policy.label, plan: policy.plan };
}

function rangeOf(grid: ThresholdGrid): SweepRange {
  const from = grid.values[0]!;
  const to = grid.values.at(-1)!;
  return { name: grid.name, from, to, step: grid.values.length > 1 ? (to - from) / (grid.values.length - 1) : 1 };
}

/** Searches one threshold's points (ascending, the policy's value among them); pushes what it finds. */
function searchThreshold(grid: ThresholdGrid, candidates: Candidate[], replayed: number, budget: number, suggestions: Suggestion[], refused: RefusedMove[]): ThresholdSearch {
  const at = grid.values.indexOf(grid.current);
  const base = candidates[at]!;
  const search: ThresholdSearch = {
    threshold: grid.name,
    value: grid.current,
    range: { from: grid.lowest, to: grid.highest, declared: !grid.derivedRange },
    grid: [...grid.values],
    loosening: null,
    outcome: '',
  };
  if (replayed === 0) {
    search.outcome = 'nothing replayed';
    return search;
  }
  // Each side in order of distance from the policy's value.
  const sides = [
    { side: 'up' as const, points: candidates.slice(at + 1) },
    { side: 'down' as const, points: candidates.slice(0, at).reverse() },
  ];
  const context: Context = { name: grid.name, from: grid.current, base, replayed, budget };
  const outcomes: string[] = [];
  let bestGain = 0;
  for (const { side, points } of sides) {
    const far = points.at(-1);
    if (far === undefined) continue;
    const gain = far.point.automated - base.point.automated;
    if (gain > 0) {
      if (gain > bestGain) {
        bestGain = gain;
        search.loosening = side;
      }
      outcomes.push(loosen(context, points, suggestions, refused));
    } else if (gain < 0) {
      outcomes.push(tighten(context, points, suggestions));
    }
  }
  search.outcome = outcomes.length > 0 ? outcomes.join('; ') : `no value in ${grid.lowest}..${grid.highest} changes which replayed records run automatically`;
  return search;
}

function loosen(context: Context, points: Candidate[], suggestions: Suggestion[], refused: RefusedMove[]): string {
  const { name, from, base, budget } = context;
  const passing: Candidate[] = [];
  let stop: RefusedMove | undefined;
  for (const candidate of points) {
    stop = check(context, candidate, 'loosen');
    if (stop !== undefined) break;
    passing.push(candidate);
  }
  if (stop !== undefined) refused.push(stop);
  const last = passing.at(-1);
  // The nearest point that decides every replayed record as the farthest safe one does.
  const chosen = last === undefined ? undefined : passing.find((candidate) => sameOutcome(candidate, last));
  if (chosen === undefined || last === undefined || chosen.point.automated <= base.point.automated) {
    const why = stop === undefined ? 'no replayed record changes route' : `refused at ${stop.to} (${stop.cause})`;
    return `loosen (${direction(from, points[0]!.value)}): nothing suggested, ${why}`;
  }

  const suggestion = suggest(context, chosen, 'loosen');
  const { point, escapes } = chosen;
  const verb = moveVerb(from, chosen.value);
  const hours = suggestion.reviewerHoursSaved === null ? '' : ` (${round(suggestion.reviewerHoursSaved, 1)} reviewer-hours)`;
  let tail: string;
  if (stop !== undefined) tail = `The next grid value, ${stop.to}, is refused: ${stop.cause === 'irreversible' ? 'it would let irreversible actions run alone' : 'its escapes exceed the budget at 95% confidence'}.`;
  else if (chosen !== last) tail = `Values beyond ${chosen.value} (up to ${last.value}) change no further replayed record: history holds no evidence for them.`;
  else tail = `${chosen.value} is the end of the searched range.`;
  suggestion.reason =
    `${verb} ${name} from ${from} to ${chosen.value} runs ${point.newlyAutomated} more replayed record(s) automatically and saves ${suggestion.reviews.saved} review(s)${hours}. ` +
    `${suggestion.evidence.changedLabelled} of the ${suggestion.evidence.changed} record(s) whose route changes carry a human label or a downstream result; ` +
    `${escapes.count} would have escaped (a person rejected or edited them, or they failed downstream): ${pct(escapes.rate)} of ${context.replayed} replayed records, ` +
    `at most ${pct(escapes.upper95)} at 95% confidence, within the ${pct(budget)} budget. No irreversible record loses a person's look first. ${tail}`;
  suggestions.push(suggestion);
  return `loosen (${direction(from, chosen.value)}): ${from} → ${chosen.value}${stop === undefined ? '' : `, refused at ${stop.to} (${stop.cause})`}`;
}

function tighten(context: Context, points: Candidate[], suggestions: Suggestion[]): string {
  const { name, from, base } = context;
  let best: { candidate: Candidate; caught: number; added: number; interval: [number, number] } | undefined;
  for (const candidate of points) {
    // A tightening that runs nothing new automatically cannot add escapes: only the irreversible check applies then.
    const refusal = check(context, candidate, 'tighten');
    if (refusal !== undefined && (refusal.cause === 'irreversible' || candidate.point.newlyAutomated > 0)) continue;
    const added = candidate.point.reviews - base.point.reviews;
    const caught = base.point.automatedErrors - candidate.point.automatedErrors;
    if (added <= 0 || caught <= 0) continue;
    const interval = proportion(Math.min(caught, added), added).interval!;
    if (
      best === undefined ||
      interval[0] > best.interval[0] ||
      (interval[0] === best.interval[0] && caught > best.caught)
    ) {
      best = { candidate, caught, added, interval };
    }
  }
  if (best === undefined || !(best.interval[0] > 0)) {
    return `tighten (${direction(from, points[0]!.value)}): nothing suggested, no value catches a labelled error the policy runs automatically`;
  }
  // Reviews earn their cost where they look at riskier records than automation
  // handles on the whole: below that, the move reviews more of the same.
  const baseRate = proportion(base.point.automatedErrors, Math.max(1, base.point.automated)).interval!;
  if (!(best.interval[0] > baseRate[1])) {
    return (
      `tighten (${direction(from, points[0]!.value)}): nothing suggested, the records it would send to a person are no riskier than automatic ones on the whole ` +
      `(at best ${round(best.interval[0], 3)}..${round(best.interval[1], 3)} caught per added review, against ${round(baseRate[0], 3)}..${round(baseRate[1], 3)} errors per automatic decision)`
    );
  }
  const { candidate, caught, added, interval } = best;
  const suggestion = suggest(context, candidate, 'tighten');
  const perAddedReview = Math.min(caught, added) / added;
  suggestion.caught = { errors: caught, addedReviews: added, perAddedReview, interval };
  const hours = suggestion.reviewerHoursSaved === null ? '' : ` (${round(-suggestion.reviewerHoursSaved, 1)} reviewer-hours)`;
  suggestion.reason =
    `${moveVerb(from, candidate.value)} ${name} from ${from} to ${candidate.value} sends ${added} more replayed record(s) to a person${hours} ` +
    `and catches ${caught} that the policy as written runs automatically although they were wrong (QA-sampled or failed downstream): ` +
    `${round(perAddedReview, 3)} per added review, ${round(interval[0], 3)}..${round(interval[1], 3)} at 95% confidence, the best lower bound on the grid. ` +
    `Automatic records nobody sampled carry no label, so the errors caught are a floor.`;
  suggestions.push(suggestion);
  return `tighten (${direction(from, candidate.value)}): ${from} → ${candidate.value}`;
}

/** The move refused, or undefined when it keeps every irreversible action behind a person and its escapes within budget. */
function check(context: Context, candidate: Candidate, kind: 'loosen' | 'tighten'): RefusedMove | undefined {
  const { name, from, replayed, budget } = context;
  const { tally, escapes } = candidate;
  const verb = moveVerb(from, candidate.value);
  if (tally.irreversibleReleased > 0) {
    const first = tally.irreversibleExamples[0]!;
    return {
      threshold: name,
      from,
      to: candidate.value,
      direction: kind,
      cause: 'irreversible',
      reason:
        `${verb} ${name} from ${from} to ${candidate.value} would let ${tally.irreversibleReleased} irreversible record(s) (facts.irreversible: true) ` +
        `that a person sees first under the policy as written run before anyone looks (the first: ${first.decisionId} at ${first.source}:${first.line}, ` +
        `${first.baselineRoute} → ${first.candidateRoute}): refused, an irreversible action never runs alone on a threshold change.`,
      irreversible: { count: tally.irreversibleReleased, examples: tally.irreversibleExamples },
      escapes,
    };
  }
  if (escapes.upper95 > budget) {
    return {
      threshold: name,
      from,
      to: candidate.value,
      direction: kind,
      cause: 'escape-budget',
      reason:
        `${verb} ${name} from ${from} to ${candidate.value} would run ${escapes.count} record(s) automatically that a person rejected or edited, or that failed downstream: ` +
        `${pct(escapes.rate)} of ${replayed} replayed records, up to ${pct(escapes.upper95)} at 95% confidence, above the ${pct(budget)} budget.`,
      escapes,
    };
  }
  return undefined;
}

function suggest(context: Context, candidate: Candidate, kind: 'loosen' | 'tighten'): Suggestion {
  const { base } = context;
  const { point, tally } = candidate;
  const hours = base.point.reviewerHours === null || point.reviewerHours === null ? null : round(base.point.reviewerHours - point.reviewerHours, 2);
  return {
    threshold: context.name,
    from: context.from,
    to: candidate.value,
    direction: kind,
    evidence: { replayed: context.replayed, changed: tally.changed, changedLabelled: tally.changedLabelled, newlyAutomated: point.newlyAutomated },
    escapes: candidate.escapes,
    reviews: { from: base.point.reviews, to: point.reviews, saved: base.point.reviews - point.reviews },
    reviewerHoursSaved: hours,
    reviewerHoursNote:
      hours === null
        ? 'unknown: history records no reviewer turnaround (outcome.turnaroundSeconds), so reviews cannot be priced in hours'
        : 'recorded turnaround (elapsed time to a decision, not effort); a review without one is priced at its role’s median turnaround in the history',
    reason: '',
  };
}

/** Two points that decide every replayed record alike, as far as the counts can tell. */
function sameOutcome(a: Candidate, b: Candidate): boolean {
  const p = a.point;
  const q = b.point;
  return (
    p.automated === q.automated &&
    p.reviews === q.reviews &&
    p.newlyAutomated === q.newlyAutomated &&
    p.escapes === q.escapes &&
    p.savedReviews === q.savedReviews &&
    p.automatedErrors === q.automatedErrors &&
    a.tally.changed === b.tally.changed &&
    a.tally.changedLabelled === b.tally.changedLabelled
  );
}

const moveVerb = (from: number, to: number) => (to > from ? 'Raising' : 'Lowering');
const direction = (from: number, to: number) => (to > from ? 'up' : 'down');
const round = (value: number, digits: number) => Number(value.toFixed(digits));

/** 0.000192 → '0.019%', 0.005 → '0.5%'. */
function pct(share: number): string {
  return `${Number((share * 100).toPrecision(2)).toString()}%`;
}

import { ROUTES } from '@oversight/core';
import { proportion } from '../metrics/wilson.js';
import { dictionary } from '../replay/dictionary.js';
import type { GroupTally, ReviewState, RoleTally, RuleTally } from './review-tally.js';
import type {
  CeremonialRule,
  GroupFigures,
  OutcomeRates,
  QueueByHour,
  Rate,
  ReasonGroup,
  ReviewReport,
  RoleFigures,
  RubberStampReviewer,
  RubberStampSign,
  Turnaround,
  WeekTrend,
} from './types.js';

/** Overflow keys, `(others)` and `(other …)`: counted and shown, never named ceremonial or a rubber stamp. */
function isOverflow(key: string): boolean {
  return key === '(others)' || key.startsWith('(other ');
}

/**
 * Turns a finished tally into the report. Pure: the same state gives the same
 * report, key for key, whatever order the caps let keys in.
 */
export function buildReviewReport(state: ReviewState, criteria: ReviewReport['criteria']): ReviewReport {
  const { minRecords } = criteria;
  const rate = (count: number, of: number): Rate => {
    const p = proportion(count, of);
    if (p.interval === null) return { count, of, rate: null, low: null, high: null, thin: of < minRecords };
    // At 0 of n the lower bound is 0 and at n of n the upper bound is 1, exactly: not rounding noise either side.
    const low = count === 0 ? 0 : p.interval[0];
    const high = count === of ? 1 : p.interval[1];
    return { count, of, rate: p.rate, low, high, thin: of < minRecords };
  };
  const figures = (key: string, tally: GroupTally): GroupFigures => groupFigures(key, tally, rate, minRecords);

  const ruleOrder = new Map((state.policy?.rules ?? []).map((rule, i) => [rule.id, i]));
  const rules = sortGroups([...state.rules.map], (key) => ruleOrder.get(key));
  const roles = sortGroups([...state.roles.map]);
  const weeks = [...state.weeks.map].sort(([a], [b]) => (isOverflow(a) ? 1 : isOverflow(b) ? -1 : a < b ? -1 : a > b ? 1 : 0));
  const down = state.downstream;
  const autoErrors = rate(down.autoErrors, down.autoKnown);

  return {
    reportVersion: 1,
    policy: state.policy === undefined ? null : { name: state.policy.name, version: state.policy.version, hash: state.policy.hash },
    criteria,
    history: {
      sources: [...state.sources],
      lines: state.lines,
      records: state.records,
      policies: counts(state.policies.map),
      otherPolicies: counts(state.otherPolicies.map),
      outsidePeriod: { ...state.outsidePeriod },
      invalid: { count: state.invalid.count, examples: [...state.invalid.examples] },
      logEvents: state.logEvents,
      duplicates: { count: state.duplicates.count, examples: [...state.duplicates.examples] },
      period: { first: state.first?.at ?? null, last: state.last?.at ?? null },
    },
    byRule: rules.map(([key, tally]) => figures(key, tally)),
    byRoute: ROUTES.map((route) => ({ ...figures(route, state.routes.get(route)!), key: route })),
    byRole: roles.map(([key, tally]) => roleFigures(key, tally, figures, rate)),
    byReviewer: sortGroups([...state.reviewers.map]).map(([key, tally]) => figures(key, tally)),
    byWeek: weeks.map(([key, tally]) => figures(key, tally)),
    reasons: {
      overall: { rejected: state.reasons.rejected.list(criteria.topReasons), edited: state.reasons.edited.list(criteria.topReasons) },
      byRule: rules
        .filter(([, tally]) => tally.outcomes[1]! + tally.outcomes[2]! > 0)
        .map(([rule, tally]) => ({ rule, ...reasonGroup(tally, criteria.topReasons) })),
    },
    downstream: {
      auto: autoErrors,
      qa: rate(down.qaCaught, down.qaVerdicts),
      humanApproved: rate(down.approvedErrors, down.approvedKnown),
    },
    ceremonial: {
      ...criteria.ceremonial,
      autoDownstreamErrors: autoErrors,
      rules: ceremonialRules(rules, criteria.ceremonial, autoErrors, rate),
    },
    rubberStamping: {
      ...criteria.rubberStamp,
      reviewers: rubberStamps(state, criteria.rubberStamp, rate),
      unassessedReviews: state.unpairedReviews + [...state.pairs.values()].filter((pair) => isOverflow(pair.role)).reduce((sum, pair) => sum + pair.reviews, 0),
    },
    queueByHour: roles.map(([role, tally]): QueueByHour => ({ role, arrivals: [...tally.arrivals], answers: [...tally.answers], withoutTurnaround: tally.withoutTurnaround })).filter((queue) => queue.arrivals.some((count) => count > 0)),
    trends: weeks.map(([week, tally]): WeekTrend => ({
      week,
      records: tally.records,
      reviews: tally.reviews,
      approved: rate(tally.outcomes[0]!, tally.reviews),
      rejected: rate(tally.outcomes[1]!, tally.reviews),
      auto: rate(tally.auto, tally.records),
      thin: tally.records < minRecords,
    })),
  };
}

type RateOf = (count: number, of: number) => Rate;

function groupFigures(key: string, tally: GroupTally, rate: RateOf, minRecords: number): GroupFigures {
  const reviews = tally.reviews;
  const [approved, rejected, edited, escalated, expired] = tally.outcomes as [number, number, number, number, number];
  const outcomes: OutcomeRates = {
    approved: rate(approved, reviews),
    rejected: rate(rejected, reviews),
    edited: rate(edited, reviews),
    escalated: rate(escalated, reviews),
    expired: rate(expired, reviews),
  };
  const timed = tally.turnaround.count;
  const turnaround: Turnaround = {
    of: timed,
    median: tally.turnaround.quantile(0.5),
    p90: tally.turnaround.quantile(0.9),
    withoutTurnaround: tally.withoutTurnaround,
    thin: timed < minRecords,
  };
  return { key, records: tally.records, reviews, outcomes, turnaround, thin: tally.records < minRecords };
}

function roleFigures(key: string, tally: RoleTally, figures: (key: string, tally: GroupTally) => GroupFigures, rate: RateOf): RoleFigures {
  return {
    ...figures(key, tally),
    slaSeconds: tally.slaSeconds,
    slaBreaches: tally.slaSeconds === null ? null : rate(tally.slaBreaches, tally.turnaround.count),
  };
}

function reasonGroup(tally: RuleTally, top: number): ReasonGroup {
  return { rejected: tally.rejected.list(top), edited: tally.edited.list(top) };
}

/**
 * A rule is ceremonial when all of these hold:
 *
 * 1. It was reviewed enough: at least `minReviews` records where it matched
 *    on the route taken (with the policy given; every matched rule without it)
 *    were routed to a person (review_after, approve_before, escalate) and
 *    judged: approved, rejected or edited. Expiries and escalations are no
 *    judgment either way and are left out.
 * 2. People approved them unchanged so reliably that the Wilson 95% lower
 *    bound of the approved share is above `level`. Edits and rejections count
 *    against it: each is a review that did something.
 * 3. There is no evidence that what people approve under it is riskier than
 *    what already runs alone: the rule's approved decisions with a known
 *    downstream result must not fail credibly more often than automatic
 *    decisions (`downstream.auto`). "Credibly more" is: the Wilson 95% lower
 *    bound of the approved error rate is above the upper bound of the
 *    automatic one. When either side has no downstream result at all there is
 *    nothing to compare, the rule is still named, and `downstreamCompared` is
 *    false so the reader knows it was not checked.
 *
 * Named rules come most convincing first (highest lower bound).
 */
function ceremonialRules(rules: [string, RuleTally][], criteria: ReviewReport['criteria']['ceremonial'], auto: Rate, rate: RateOf): CeremonialRule[] {
  const named: CeremonialRule[] = [];
  for (const [rule, tally] of rules) {
    if (isOverflow(rule) || tally.humanReviews < criteria.minReviews) continue;
    const approvedUnchanged = rate(tally.humanApproved, tally.humanReviews);
    if (approvedUnchanged.low === null || !(approvedUnchanged.low > criteria.level)) continue;
    const approvedDownstreamErrors = rate(tally.approvedDownstreamErrors, tally.approvedDownstreamKnown);
    const downstreamCompared = approvedDownstreamErrors.low !== null && auto.high !== null;
    if (downstreamCompared && approvedDownstreamErrors.low! > auto.high!) continue;
    named.push({ rule, reviews: tally.humanReviews, approvedUnchanged, approvedDownstreamErrors, downstreamCompared });
  }
  return named.sort((a, b) => b.approvedUnchanged.low! - a.approvedUnchanged.low! || b.reviews - a.reviews);
}

/**
 * A person is named, per role they answered in, for either sign (both when both hold):
 *
 * - `fast`: over at least `minApprovals` approvals with a turnaround, their
 *   median time to approve is below `fastShare` times the median of everyone
 *   else's approvals in the role (also over at least `minApprovals`). Peers
 *   exclude the person: one reviewer who does most of a role's work would
 *   otherwise be compared with themselves.
 * - `approves-all`: over at least `minApprovals` reviews, the Wilson 95% lower
 *   bound of the share they approved is at or above `approveAllLevel`.
 *
 * Listed most reviews first.
 */
function rubberStamps(state: ReviewState, criteria: ReviewReport['criteria']['rubberStamp'], rate: RateOf): RubberStampReviewer[] {
  const named: RubberStampReviewer[] = [];
  for (const pair of state.pairs.values()) {
    if (isOverflow(pair.role)) continue;
    const role = state.roles.map.get(pair.role);
    if (role === undefined) continue;
    const signs: RubberStampSign[] = [];
    const approvalsTimed = pair.approveTimes.count;
    const peerApprovalsTimed = role.approveTimes.count - approvalsTimed;
    const median = pair.approveTimes.quantile(0.5);
    const peerMedian = role.approveTimes.quantile(0.5, pair.approveTimes);
    const speedShare = median !== null && peerMedian !== null && peerMedian > 0 ? median / peerMedian : null;
    if (approvalsTimed >= criteria.minApprovals && peerApprovalsTimed >= criteria.minApprovals && speedShare !== null && speedShare < criteria.fastShare) signs.push('fast');
    const approvals = rate(pair.approvals, pair.reviews);
    if (pair.reviews >= criteria.minApprovals && approvals.low !== null && approvals.low >= criteria.approveAllLevel) signs.push('approves-all');
    if (signs.length === 0) continue;
    named.push({
      reviewerId: pair.reviewerId,
      role: pair.role,
      reviews: pair.reviews,
      approvals,
      medianApproveSeconds: median,
      approvalsTimed,
      peerMedianApproveSeconds: peerMedian,
      peerApprovalsTimed,
      speedShare,
      signs,
    });
  }
  return named.sort((a, b) => b.reviews - a.reviews || compareKeys(a.reviewerId, b.reviewerId) || compareKeys(a.role, b.role));
}

/**
 * Groups most records first (keys in `order` first, in that order: a policy's
 * rules as written), ties by key; overflow keys last.
 */
function sortGroups<T extends GroupTally>(entries: [string, T][], order: (key: string) => number | undefined = () => undefined): [string, T][] {
  return entries.sort(([a, x], [b, y]) => {
    const overflow = Number(isOverflow(a)) - Number(isOverflow(b));
    if (overflow !== 0) return overflow;
    const [i, j] = [order(a), order(b)];
    if (i !== undefined || j !== undefined) return (i ?? Infinity) - (j ?? Infinity) || compareKeys(a, b);
    return y.records - x.records || compareKeys(a, b);
  });
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function counts(map: Map<string, { count: number }>): Record<string, number> {
  const out = dictionary<number>();
  for (const [key, { count }] of [...map].sort(([a], [b]) => compareKeys(a, b))) if (count > 0) out[key] = count;
  return out;
}

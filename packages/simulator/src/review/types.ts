import type { CompiledPolicy, Route } from '@oversight/core';
import type { InvalidLine, DuplicateLine } from '../types.js';

/** What `reviewReport` (and `ReviewTally`) is asked for. Every field is optional. */
export interface ReviewReportOptions {
  /**
   * The policy the history was decided under. It restricts the report to
   * records of its name (records of other policies are counted apart, in
   * `history.otherPolicies`), gives each role its SLA
   * (`spec.reviewers[role].sla`), and lists its rules and roles even when no
   * record names them. Without it every record counts and no SLA is checked.
   */
  policy?: CompiledPolicy;
  /** First day (`2026-10-01`, from 00:00 UTC) or instant (ISO date-time with a zone) counted, inclusive. */
  since?: string;
  /**
   * Last day counted (`2026-10-31`: records before 2026-11-01T00:00Z), or an
   * instant (ISO date-time with a zone) before which records count: the end is exclusive.
   */
  until?: string;
  ceremonial?: Partial<CeremonialCriteria>;
  rubberStamp?: Partial<RubberStampCriteria>;
  /** Figures resting on fewer records than this are marked `thin: true` (default 30). Never hidden. */
  minRecords?: number;
  /** Reasons listed per group, most frequent first (default 10). */
  topReasons?: number;
  /** Examples kept per list: invalid lines, duplicates (default 20). */
  examples?: number;
  /**
   * Count a decisionId once, at its first line, and list later lines with it as
   * duplicates (default true, as `oversight simulate` does). This is the one
   * tally that grows with the history (about 30 bytes per distinct id); false
   * keeps memory constant and counts every line.
   */
  skipDuplicates?: boolean;
}

/** When a rule's reviews are called ceremony. */
export interface CeremonialCriteria {
  /**
   * The Wilson 95% lower bound of the approved-unchanged rate must be above
   * this (default 0.98): at the default, 189 reviews all approved are the
   * fewest that can name a rule, whatever minReviews allows.
   */
  level: number;
  /** Human reviews of the rule needed before it is judged at all (default 30). */
  minReviews: number;
}

/** When a reviewer is called a rubber stamp. */
export interface RubberStampCriteria {
  /** Named when their median time to approve is below this share of their peers' median in the same role (default 0.2). */
  fastShare: number;
  /** Approvals (with a recorded turnaround, for the speed test) needed before a reviewer is judged (default 20). */
  minApprovals: number;
  /**
   * Named when the Wilson 95% lower bound of their approval rate (approved of
   * all their reviews) is at or above this (default 0.95): at least 73 reviews
   * all approved, or 110 with one that was not. A bound of 0.99 would take 381
   * approvals in a row before anyone is named.
   */
  approveAllLevel: number;
}

/** `count` of `of`, as a proportion with its Wilson 95% score interval; rate, low and high are null when `of` is 0. */
export interface Rate {
  count: number;
  of: number;
  rate: number | null;
  low: number | null;
  high: number | null;
  /** `of` is below `minRecords`: shown, but not much to go on. */
  thin: boolean;
}

/** Recorded turnaround, in whole seconds (nearest-rank quantiles, within 0.25% above 256 s, exact below). */
export interface Turnaround {
  /** Records the quantiles rest on: those with `outcome.turnaroundSeconds`. */
  of: number;
  median: number | null;
  p90: number | null;
  /** Records with an outcome but no turnaround. */
  withoutTurnaround: number;
  thin: boolean;
}

/** The five things a person (or the clock) can do with a decision, each of `reviews`. */
export interface OutcomeRates {
  approved: Rate;
  rejected: Rate;
  edited: Rate;
  escalated: Rate;
  expired: Rate;
}

/** What happened to the records of one group (a rule, a route, a role, a reviewer, a week). */
export interface GroupFigures {
  /** The rule id, route, role, reviewerId or ISO week; `(other …)` gathers what is past the cap on distinct keys. */
  key: string;
  records: number;
  /** Records with an outcome: what the rates are of. */
  reviews: number;
  outcomes: OutcomeRates;
  turnaround: Turnaround;
  /** `records` is below `minRecords`. */
  thin: boolean;
}

export interface RoleFigures extends GroupFigures {
  /** The role's SLA in the policy, in seconds; null without a policy or when the policy does not name the role. */
  slaSeconds: number | null;
  /** Reviews whose turnaround exceeded the SLA, of those with a turnaround; null when there is no SLA. */
  slaBreaches: Rate | null;
}

/** One reason as people wrote it (the first spelling seen), and how often it (or a spelling differing in case or outer spaces) was given. */
export interface ReasonCount {
  reason: string;
  count: number;
}

export interface ReasonList {
  /** Records with this outcome. */
  total: number;
  /** Those with no reason, or a blank one. */
  withoutReason: number;
  /** The most frequent reasons, most frequent first (ties by first seen). */
  top: ReasonCount[];
  /** Records with a reason not in `top`: rarer reasons, and those past the cap on distinct reasons. */
  other: number;
  /** Distinct reasons were more than the cap: later new ones were counted in `other` only. */
  capped: boolean;
}

export interface ReasonGroup {
  rejected: ReasonList;
  edited: ReasonList;
}

export interface CeremonialRule {
  rule: string;
  /** Records where the rule matched, routed to a person, with an outcome. */
  reviews: number;
  /** Of those, approved as proposed. */
  approvedUnchanged: Rate;
  /** The rule's approved decisions whose downstream result is known, and how many failed. */
  approvedDownstreamErrors: Rate;
  /** Whether there were downstream results on both sides to compare; false is no evidence of worse, not evidence of safe. */
  downstreamCompared: boolean;
}

export type RubberStampSign = 'fast' | 'approves-all';

export interface RubberStampReviewer {
  reviewerId: string;
  role: string;
  /** Their reviews in this role (records with their reviewerId and this role). */
  reviews: number;
  /** Approved of their reviews. */
  approvals: Rate;
  /** Median seconds to approve, over `approvalsTimed` approvals with a turnaround. */
  medianApproveSeconds: number | null;
  approvalsTimed: number;
  /** Median seconds to approve of everyone else in the role, over `peerApprovalsTimed` approvals. */
  peerMedianApproveSeconds: number | null;
  peerApprovalsTimed: number;
  /** medianApproveSeconds / peerMedianApproveSeconds. */
  speedShare: number | null;
  signs: RubberStampSign[];
}

export interface QueueByHour {
  role: string;
  /** Decisions a person of the role answered, by UTC hour of day they were proposed (`at`), hours 0 to 23. */
  arrivals: number[];
  /** The same decisions by UTC hour of the answer (`at` + turnaroundSeconds). */
  answers: number[];
  /** Answered decisions without a turnaround, in `arrivals` only. */
  withoutTurnaround: number;
}

export interface WeekTrend {
  /** ISO 8601 week of `at` (UTC), e.g. `2026-W43`. */
  week: string;
  records: number;
  reviews: number;
  /** Approved, of reviews. */
  approved: Rate;
  /** Rejected, of reviews. */
  rejected: Rate;
  /** Records routed auto, of records. */
  auto: Rate;
  thin: boolean;
}

export interface ReviewReport {
  reportVersion: 1;
  /** The policy the report is restricted to; null when every record counted. */
  policy: { name: string; version: number; hash: string } | null;
  /** The criteria applied, defaults filled in, so a reader knows what `thin`, ceremonial and rubber stamp meant. */
  criteria: {
    since: string | null;
    until: string | null;
    minRecords: number;
    ceremonial: CeremonialCriteria;
    rubberStamp: RubberStampCriteria;
    topReasons: number;
  };
  history: {
    sources: string[];
    /** Non-blank lines read: each one a record counted, of another policy, outside the period, invalid, a duplicate, or a log event. */
    lines: number;
    /** Records in the report. */
    records: number;
    /** Records counted, by policy name (one name when a policy is given). */
    policies: Record<string, number>;
    /** Records of other policies than the one given, by name: counted apart. */
    otherPolicies: Record<string, number>;
    /** Records of the policy outside since/until: counted apart. */
    outsidePeriod: { before: number; after: number };
    invalid: { count: number; examples: InvalidLine[] };
    /** Decision log lines that are not settled decisions: counted, skipped. */
    logEvents: number;
    /** Lines whose decisionId an earlier line has: counted here only (none are looked for when skipDuplicates is false). */
    duplicates: { count: number; examples: DuplicateLine[] };
    /** The earliest and latest `at` among the records counted, as written; null without records. */
    period: { first: string | null; last: string | null };
  };
  /** Per rule id of record.rules: a record counts toward every rule it matched, so these add up to more than the records. `(no rule)` holds records that matched none. */
  byRule: GroupFigures[];
  byRoute: (GroupFigures & { key: Route })[];
  /** Per reviewer role (outcome.reviewer) of records with an outcome, QA reviews of automatic decisions included. */
  byRole: RoleFigures[];
  /** Per person (outcome.reviewerId), for records that name one. */
  byReviewer: GroupFigures[];
  /** Per ISO week of `at`, oldest first. */
  byWeek: GroupFigures[];
  reasons: {
    overall: ReasonGroup;
    byRule: (ReasonGroup & { rule: string })[];
  };
  /** Is review catching errors? Downstream failures after automatic and after human-approved decisions, and what QA found. */
  downstream: {
    /** Records routed auto whose downstream result is known, and how many failed. */
    auto: Rate;
    /** QA samples of automatic decisions (audit: true) with a verdict (approved, rejected or edited): rejected or edited ones are errors caught. */
    qa: Rate;
    /** Records routed to a person and approved whose downstream result is known, and how many failed. */
    humanApproved: Rate;
  };
  ceremonial: CeremonialCriteria & {
    /** What an approved decision is compared with: `downstream.auto`. */
    autoDownstreamErrors: Rate;
    rules: CeremonialRule[];
  };
  rubberStamping: RubberStampCriteria & {
    reviewers: RubberStampReviewer[];
    /** Reviews by people past the cap on distinct (role, reviewer) pairs: not judged. */
    unassessedReviews: number;
  };
  queueByHour: QueueByHour[];
  trends: WeekTrend[];
}

import type { ErrorCode, OutcomeDecision, Route } from '@oversight/core';

/** A policy as the report names it: which file, which version, which threshold values. */
export interface PolicyRef {
  /** How the command line named it: a path, `main:policies/x.yaml`, or `baseline + autoRefundMax=100`. */
  label: string;
  name: string;
  version: number;
  hash: string;
  /** Every threshold's value in this replay, overrides applied. */
  thresholds: Record<string, number>;
}

/** Where in the history a record is: the source (file) and its 1-based line. */
export interface LineRef {
  source: string;
  line: number;
}

export interface InvalidLine extends LineRef {
  reason: string;
}

/** A later line with a decisionId already read: not counted again, since a decision is one line. */
export interface DuplicateLine extends LineRef {
  decisionId: string;
  /** Where the id was first read: the line that counts. */
  first: LineRef;
}

export interface FidelityMismatch extends LineRef {
  decisionId: string;
  recorded: { route: Route; rules: string[] | undefined };
  replayed: { route: Route; rules: string[]; error?: ErrorCode };
}

/** A record whose route the candidate changes, for the escape and saved-review lists. */
export interface ChangedRecord extends LineRef {
  decisionId: string;
  recordedRoute: Route;
  baselineRoute: Route;
  candidateRoute: Route;
  /** The candidate's deciding rule, if any. */
  rule: string | undefined;
  outcome: OutcomeDecision | undefined;
  reason: string | undefined;
  downstreamError: boolean | undefined;
}

/** Human reviews of one role. `hours` uses recorded turnaround, else the role's median. */
export interface RoleLoad {
  /** The reviewer role; `(unassigned)` when neither a rule nor spec.reviewer names one. */
  role: string;
  reviews: number;
  byRoute: Record<'review_after' | 'approve_before' | 'escalate', number>;
  /** Reviewer-hours, or null when history records no turnaround at all. */
  hours: number | null;
  /** Reviews whose hours come from the role's median turnaround, not from the record. */
  estimatedFromMedian: number;
}

/** What one policy (the baseline, or a candidate) does with the replayed history. */
export interface VariantSummary {
  policy: PolicyRef;
  routes: Record<Route, number>;
  /** Times each rule matched, by rule id in file order. */
  ruleHits: Record<string, number>;
  /** Decisions that took onError, by error code. */
  errors: Partial<Record<ErrorCode, number>>;
  /** Records sent to a person (review_after, approve_before, escalate). */
  reviews: number;
  reviewerHours: number | null;
  reviewerLoad: RoleLoad[];
}

/** A share of a count, with its Wilson 95% interval. */
export interface Proportion {
  count: number;
  of: number;
  rate: number | null;
  interval: [number, number] | null;
}

/**
 * A region of inputs the candidate routes otherwise than the baseline (from
 * `oversight diff`'s analysis), with the replayed records that fell in it.
 */
export interface RegionMove {
  from: Route;
  to: Route;
  /** One phrase a constrained fact. */
  where: string[];
  /** Facts in the region, as `oversight eval` reads them. */
  example: Record<string, unknown>;
  /** Replayed records in the region, and what people did with them. */
  records: number;
  rejected: number;
  edited: number;
  approved: number;
}

/** One candidate against the baseline. */
export interface CandidateComparison {
  candidate: VariantSummary;
  /** matrix[baseline route][candidate route], both in ROUTES order. */
  routeChanges: { routes: readonly Route[]; matrix: number[][]; changed: number };
  /** Reviews and hours, candidate minus baseline; pct is null when the baseline had none. */
  reviewDelta: { reviews: number; reviewsPct: number | null; hours: number | null; hoursPct: number | null };
  /** Records the baseline did not automate that the candidate would. */
  newlyAutomated: number;
  /** Newly automated records that a person rejected or edited, or that failed downstream. */
  escapes: { count: number; rate: number; ofNewlyAutomated: Proportion; examples: ChangedRecord[] };
  /** Newly automated records that a person approved unchanged (and nothing failed later). */
  savedReviews: { count: number; examples: ChangedRecord[] };
  unlabeled: {
    /** Records the candidate sends to a person that were automatic in history and never looked at. */
    toHumanNeverReviewed: number;
    /** Newly automated records with no human verdict (expired, escalated, denied before). */
    newlyAutomatedUnlabeled: number;
    /** Errors expected among those: their count times the Wilson interval of the QA-sampled error rate; null without QA samples. */
    expectedErrors: [number, number] | null;
  };
  /** Where the route changes fall, over every input (streaming engine): each region with the records history had in it. */
  regions?: RegionMove[];
}

/** The budgets a verdict can name: those of the command line, and the checks every run makes. */
export type BudgetName = 'allow-invalid' | 'records' | 'min-fidelity' | 'max-escapes' | 'max-review-increase';

export interface BudgetBreach {
  /** The candidate's label, or `(history)` for checks of the history itself (invalid lines, fidelity, records). */
  candidate: string;
  budget: BudgetName;
  limit: string;
  actual: string;
  message: string;
}

export interface SimulationReport {
  reportVersion: 1;
  baseline: VariantSummary;
  history: {
    sources: string[];
    /** Non-blank lines read: replayed, of other policies, invalid, duplicates or log events, each line one of these. */
    total: number;
    /** Records of the baseline's policy, replayed. */
    replayed: number;
    /** Records of other policies, by name: counted, not replayed. */
    otherPolicies: Record<string, number>;
    invalid: { count: number; examples: InvalidLine[] };
    /** Lines of a decision log that are not settled decisions (proposals waiting, approvals, escalations, warnings): counted, not replayed. */
    logEvents: number;
    /** Valid lines whose decisionId an earlier line has: counted in `total` only. */
    duplicates: { count: number; examples: DuplicateLine[] };
  };
  fidelity: {
    reproduced: number;
    of: number;
    rate: number | null;
    mismatches: FidelityMismatch[];
  };
  /** QA-sampled automatic decisions in history (audit: true): the only labels automation has. */
  qaSample: Proportion;
  comparisons: CandidateComparison[];
  /** `checked` lists each budget applied with its limit, e.g. `max-escapes 0`: a pass with nothing checked says so. */
  verdict: { pass: boolean; checked: string[]; breaches: BudgetBreach[]; warnings: string[] };
}

/** Limits a CI run holds a candidate to; absent means unchecked. */
export interface Budgets {
  /** A count (`5`) or a share of replayed records (`{ rate: 0.005 }`). */
  maxEscapes?: { count: number } | { rate: number };
  /** Percent more human reviews than the baseline. */
  maxReviewIncreasePct?: number;
  /** Percent of replayed records the baseline must reproduce. */
  minFidelityPct?: number;
  /** Invalid lines tolerated (default 0). */
  allowInvalid?: number;
}

/** One threshold varied by a sweep: from..to in steps (inclusive). */
export interface SweepRange {
  name: string;
  from: number;
  to: number;
  step: number;
}

/** The outcome of one point of a sweep, against the policy as written. */
export interface SweepPoint {
  thresholds: Record<string, number>;
  /** Records this point runs automatically. */
  automated: number;
  reviews: number;
  reviewerHours: number | null;
  /** Records the policy as written does not automate that this point would. */
  newlyAutomated: number;
  /** Newly automated records a person rejected or edited, or that failed downstream. */
  escapes: number;
  /** Every labelled-bad record this point runs automatically (QA-caught and downstream errors included): the curve's y. */
  automatedErrors: number;
  savedReviews: number;
  /** No other point has both fewer (or equal) reviews and fewer (or equal) automatedErrors, one strictly. */
  pareto: boolean;
  /** This point is the policy's own values. */
  current: boolean;
}

export interface SweepReport {
  reportVersion: 1;
  policy: PolicyRef;
  vary: SweepRange[];
  history: SimulationReport['history'];
  fidelity: SimulationReport['fidelity'];
  points: SweepPoint[];
}

import type { IrreversibleRelease } from './suggest-replay.js';

export type { IrreversibleRelease } from './suggest-replay.js';

/** A share of replayed records with the upper end of its Wilson 95% interval. */
export interface EscapeEstimate {
  /** Records a person rejected or edited, or that failed downstream, that the move would run automatically (the sweep's escapes). */
  count: number;
  /** count / replayed records. */
  rate: number;
  /** Upper bound of the Wilson 95% interval of that rate: what the budget is held to. */
  upper95: number;
}

/** One threshold move the history supports. */
export interface Suggestion {
  threshold: string;
  /** The policy's value. */
  from: number;
  /** The suggested value: a point of the grid. */
  to: number;
  /** `loosen`: more records run automatically; `tighten`: more go to a person. */
  direction: 'loosen' | 'tighten';
  /** The records the suggestion rests on. */
  evidence: {
    /** Records of the policy replayed. */
    replayed: number;
    /** Records whose route the move changes. */
    changed: number;
    /** Of those, how many history labels: a person approved, rejected or edited them, or they failed downstream. */
    changedLabelled: number;
    /** Records the policy as written does not run automatically that the move would. */
    newlyAutomated: number;
  };
  escapes: EscapeEstimate;
  reviews: {
    /** Human reviews (review_after, approve_before, escalate) under the policy as written, and under the move. */
    from: number;
    to: number;
    /** from - to: negative when the move adds reviews. */
    saved: number;
  };
  /**
   * Reviewer-hours under the policy as written minus under the move (the sweep's
   * reviewer load: recorded turnaround, else the role's median): negative when
   * the move adds work; null when history records no turnaround at all.
   */
  reviewerHoursSaved: number | null;
  /** What the hours are, or why they are null. */
  reviewerHoursNote: string;
  /**
   * Tightening only. The labelled-bad records the policy as written runs
   * automatically (QA-caught or failed downstream) that the move sends to a
   * person, per review the move adds, with its Wilson 95% interval.
   */
  caught?: { errors: number; addedReviews: number; perAddedReview: number; interval: [number, number] };
  reason: string;
}

/** A move the search stopped at, and why it was not suggested. */
export interface RefusedMove {
  threshold: string;
  from: number;
  to: number;
  direction: 'loosen' | 'tighten';
  /** `irreversible`: it would let an irreversible action run before a person looks; `escape-budget`: too many escapes at 95% confidence. */
  cause: 'irreversible' | 'escape-budget';
  reason: string;
  /** For `irreversible`: how many records, and the first few. */
  irreversible?: { count: number; examples: IrreversibleRelease[] };
  escapes: EscapeEstimate;
}

/** What the search found for one threshold, suggestion or not. */
export interface ThresholdSearch {
  threshold: string;
  value: number;
  /** The range searched and whether it was declared (min/max) or derived. */
  range: { from: number; to: number; declared: boolean };
  /** The grid values tried, ascending. */
  grid: number[];
  /** The direction in which more records run automatically, from the sweep; null when neither does. */
  loosening: 'up' | 'down' | null;
  /** One line: what was suggested or refused, or why nothing was. */
  outcome: string;
}

export interface SuggestionReport {
  reportVersion: 1;
  policy: { name: string; version: number; hash: string };
  history: {
    sources: string[];
    /** Non-blank lines read. */
    total: number;
    /** Records of this policy replayed: the denominator of every rate. */
    replayed: number;
    otherPolicies: Record<string, number>;
    invalid: number;
    duplicates: number;
    fidelity: { reproduced: number; of: number; rate: number | null };
  };
  budget: { maxEscapeRate: number; confidence: 0.95 };
  /** In the order thresholds were searched; for each, the move up before the move down. */
  suggestions: Suggestion[];
  refused: RefusedMove[];
  thresholds: ThresholdSearch[];
  /** Loud notes: low fidelity, nothing replayed. */
  warnings: string[];
}

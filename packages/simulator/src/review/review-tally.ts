import { HUMAN_ROUTES, OUTCOMES, ROUTES, parseDuration, type CompiledPolicy, type HistoryRecord, type OutcomeDecision, type Route } from '@oversight/core';
import { LineSplitter } from '../history/line-splitter.js';
import { parseRecord } from '../history/parse-record.js';
import { FirstReads } from '../replay/first-reads.js';
import type { DuplicateLine, InvalidLine } from '../types.js';
import { isoWeek, parsePeriod, utcHour, type Period } from './period.js';
import { ReasonCounter } from './reason-counter.js';
import { buildReviewReport } from './review-figures.js';
import { SecondsHistogram } from './seconds-histogram.js';
import type { CeremonialCriteria, ReviewReport, ReviewReportOptions, RubberStampCriteria } from './types.js';

/** A history record as the v1 schema allows it: `reviewerId` (the person) is in the schema, not yet in core's type. */
export type ReviewedRecord = HistoryRecord & { outcome?: { reviewerId?: string } };

export const DEFAULT_CEREMONIAL: CeremonialCriteria = { level: 0.98, minReviews: 30 };
export const DEFAULT_RUBBER_STAMP: RubberStampCriteria = { fastShare: 0.2, minApprovals: 20, approveAllLevel: 0.95 };
export const DEFAULT_MIN_RECORDS = 30;
export const DEFAULT_TOP_REASONS = 10;
export const DEFAULT_EXAMPLES = 20;

/** Distinct keys kept per grouping (rules, roles, reviewers, policy names); the rest share one `(other …)` key. */
export const MAX_KEYS = 200;
/** ISO weeks kept: ten years. */
export const MAX_WEEKS = 520;
/** (role, reviewer) pairs judged for rubber stamping. */
export const MAX_PAIRS = 500;

export const NO_RULE = '(no rule)';
export const UNASSIGNED = '(unassigned)';
export const OTHER_RULES = '(other rules)';
export const OTHER_ROLES = '(other roles)';
export const OTHER_REVIEWERS = '(other reviewers)';
export const OTHER_WEEKS = '(other weeks)';
export const OTHER_POLICIES = '(others)';

const OUTCOME_INDEX: Record<OutcomeDecision, number> = { approved: 0, rejected: 1, edited: 2, escalated: 3, expired: 4 };

/** Counts of one group: plain numbers and a sparse histogram, whatever the number of records. */
export class GroupTally {
  records = 0;
  /** Per outcome, in OUTCOMES order. */
  readonly outcomes: number[] = OUTCOMES.map(() => 0);
  readonly turnaround = new SecondsHistogram();
  withoutTurnaround = 0;
  /** Records routed auto (for the weekly trend). */
  auto = 0;

  get reviews(): number {
    let sum = 0;
    for (const count of this.outcomes) sum += count;
    return sum;
  }

  add(record: ReviewedRecord): void {
    this.records++;
    if (record.route === 'auto') this.auto++;
    const outcome = record.outcome;
    if (outcome === undefined) return;
    this.outcomes[OUTCOME_INDEX[outcome.decision]]!++;
    if (outcome.turnaroundSeconds === undefined) this.withoutTurnaround++;
    else this.turnaround.add(outcome.turnaroundSeconds);
  }
}

/** A rule: its group counts, its human reviews (for ceremony), and the reasons people gave. */
export class RuleTally extends GroupTally {
  /** Records routed to a person (review_after, approve_before, escalate) with an outcome. */
  humanReviews = 0;
  humanApproved = 0;
  approvedDownstreamKnown = 0;
  approvedDownstreamErrors = 0;
  readonly rejected = new ReasonCounter();
  readonly edited = new ReasonCounter();
}

/** A reviewer role: its group counts, SLA breaches, approval times and the hours its work arrives and leaves. */
export class RoleTally extends GroupTally {
  slaBreaches = 0;
  /** Seconds to approve, over every approval of the role with a turnaround. */
  readonly approveTimes = new SecondsHistogram();
  readonly arrivals: number[] = new Array<number>(24).fill(0);
  readonly answers: number[] = new Array<number>(24).fill(0);
  constructor(readonly slaSeconds: number | null) {
    super();
  }
}

/** One person in one role. */
export class PairTally {
  reviews = 0;
  approvals = 0;
  readonly approveTimes = new SecondsHistogram();
  constructor(
    readonly role: string,
    readonly reviewerId: string,
  ) {}
}

/** A map of at most `max` keys; a key past the cap is counted under `other`. */
export class BoundedGroups<T> {
  readonly map = new Map<string, T>();
  constructor(
    private readonly max: number,
    readonly other: string,
    private readonly make: (key: string) => T,
  ) {}

  /** The key a name is counted under: itself, or `other` once the cap is reached. */
  keyOf(key: string): string {
    return this.map.has(key) || this.map.size < this.max ? key : this.other;
  }

  get(key: string): T {
    const counted = this.keyOf(key);
    let tally = this.map.get(counted);
    if (tally === undefined) {
      tally = this.make(counted);
      this.map.set(counted, tally);
    }
    return tally;
  }
}

/** Everything the report is built from, once every line is read. */
export interface ReviewState {
  policy: CompiledPolicy | undefined;
  period: Period;
  sources: string[];
  lines: number;
  records: number;
  policies: BoundedGroups<{ count: number }>;
  otherPolicies: BoundedGroups<{ count: number }>;
  outsidePeriod: { before: number; after: number };
  invalid: { count: number; examples: InvalidLine[] };
  logEvents: number;
  duplicates: { count: number; examples: DuplicateLine[] };
  first: { ms: number; at: string } | null;
  last: { ms: number; at: string } | null;
  rules: BoundedGroups<RuleTally>;
  routes: Map<Route, GroupTally>;
  roles: BoundedGroups<RoleTally>;
  reviewers: BoundedGroups<GroupTally>;
  weeks: BoundedGroups<GroupTally>;
  pairs: Map<string, PairTally>;
  /** Reviews by people past MAX_PAIRS. */
  unpairedReviews: number;
  reasons: { rejected: ReasonCounter; edited: ReasonCounter };
  downstream: { autoKnown: number; autoErrors: number; qaVerdicts: number; qaCaught: number; approvedKnown: number; approvedErrors: number };
}

/**
 * The state behind `oversight report`, fed one line at a time: name each
 * source with `startSource`, then give it lines (`addLine`, or the LineSplitter
 * of `lineSplitter()` chunks of text), and read `result()` at the end. Memory
 * is bounded by the caps on distinct keys and reasons, whatever the length of
 * the history, except for the decisionIds remembered to skip duplicates
 * (`skipDuplicates: false` turns that off).
 */
export class ReviewTally {
  private readonly state: ReviewState;
  private readonly criteria: ReviewReport['criteria'];
  private readonly limit: number;
  private readonly reads: FirstReads | undefined;
  /** Each rule's route, when the policy is given: a review belongs to the rules on the route it took. */
  private readonly ruleRoutes: ReadonlyMap<string, string> | undefined;
  private source = '';

  /** Throws a RangeError, before any line is read, for a since, until or criterion it cannot use. */
  constructor(options: ReviewReportOptions = {}) {
    const policy = options.policy;
    this.ruleRoutes = policy === undefined ? undefined : new Map(policy.rules.map((rule) => [rule.id, rule.route]));
    this.criteria = criteriaOf(options);
    this.limit = count('examples', options.examples ?? DEFAULT_EXAMPLES);
    this.reads = options.skipDuplicates === false ? undefined : new FirstReads();
    const slaOf = roleSlas(policy);
    const counter = () => ({ count: 0 });
    this.state = {
      policy,
      period: parsePeriod(options.since, options.until),
      sources: [],
      lines: 0,
      records: 0,
      policies: new BoundedGroups(MAX_KEYS, OTHER_POLICIES, counter),
      otherPolicies: new BoundedGroups(MAX_KEYS, OTHER_POLICIES, counter),
      outsidePeriod: { before: 0, after: 0 },
      invalid: { count: 0, examples: [] },
      logEvents: 0,
      duplicates: { count: 0, examples: [] },
      first: null,
      last: null,
      rules: new BoundedGroups(MAX_KEYS, OTHER_RULES, () => new RuleTally()),
      routes: new Map(ROUTES.map((route) => [route, new GroupTally()])),
      roles: new BoundedGroups(MAX_KEYS, OTHER_ROLES, (role) => new RoleTally(slaOf(role))),
      reviewers: new BoundedGroups(MAX_KEYS, OTHER_REVIEWERS, () => new GroupTally()),
      weeks: new BoundedGroups(MAX_WEEKS, OTHER_WEEKS, () => new GroupTally()),
      pairs: new Map(),
      unpairedReviews: 0,
      reasons: { rejected: new ReasonCounter(), edited: new ReasonCounter() },
      downstream: { autoKnown: 0, autoErrors: 0, qaVerdicts: 0, qaCaught: 0, approvedKnown: 0, approvedErrors: 0 },
    };
    // The policy's rules and roles are listed even when no record names them: a checkpoint that never fires is news too.
    if (policy !== undefined) {
      for (const rule of policy.rules) this.state.rules.get(rule.id);
      for (const role of Object.keys(policy.policy.spec.reviewers ?? {})) this.state.roles.get(role);
    }
  }

  /**
   * Whether a review counts toward this rule's ceremony: with the policy, only
   * rules on the route the record took made the checkpoint (a rule a stricter
   * one overrode did not); without it, every rule the record matched.
   */
  private onRoute(rule: string, route: string): boolean {
    const ruleRoute = this.ruleRoutes?.get(rule);
    return ruleRoute === undefined || ruleRoute === route;
  }

  /** Names the file (or stream) the next lines come from, for line references. */
  startSource(name: string): void {
    this.source = name;
    if (!this.state.sources.includes(name)) this.state.sources.push(name);
    this.reads?.startSource(name);
  }

  /** A splitter that feeds this tally, line numbers counted from 1 where it starts. */
  lineSplitter(): LineSplitter {
    return new LineSplitter(
      (text, line) => this.addLine(text, line),
      (line, length) => this.addTooLong(line, length),
    );
  }

  /** One line of JSON Lines history (or decision log); blank lines are skipped. */
  addLine(text: string, line: number): void {
    if (isBlank(text)) return;
    const state = this.state;
    state.lines++;
    const parsed = parseRecord(text);
    if (parsed.ok === 'event') {
      state.logEvents++;
      return;
    }
    if (!parsed.ok) {
      this.addInvalid(line, parsed.reason);
      return;
    }
    const record = parsed.record as ReviewedRecord;
    // The schema's date-time check is a pattern; a time no clock shows (a 61st second) still has no place in a week.
    const ms = Date.parse(record.at);
    if (!Number.isFinite(ms)) {
      this.addInvalid(line, `at ${record.at} is not a time this report can place`);
      return;
    }
    if (this.reads !== undefined) {
      const earlier = this.reads.read(record.decisionId, line);
      if (earlier !== -1) {
        state.duplicates.count++;
        if (state.duplicates.examples.length < this.limit) {
          state.duplicates.examples.push({ source: this.source, line, decisionId: record.decisionId, first: this.reads.lineAt(earlier) });
        }
        return;
      }
    }
    if (state.policy !== undefined && record.policy.name !== state.policy.name) {
      state.otherPolicies.get(record.policy.name).count++;
      return;
    }
    const { from, to } = state.period;
    if (from !== null && ms < from) {
      state.outsidePeriod.before++;
      return;
    }
    if (to !== null && ms >= to) {
      state.outsidePeriod.after++;
      return;
    }
    this.count(record, ms);
  }

  /** A line too long to be a record (LineSplitter skipped it): invalid, like any unreadable line. */
  addTooLong(line: number, length: number): void {
    this.state.lines++;
    this.addInvalid(line, `a line of ${length.toLocaleString('en-US')} characters, longer than any history record can be: is this file JSON Lines?`);
  }

  /** The report on every line given so far. */
  result(): ReviewReport {
    return buildReviewReport(this.state, this.criteria);
  }

  private addInvalid(line: number, reason: string): void {
    const invalid = this.state.invalid;
    invalid.count++;
    if (invalid.examples.length < this.limit) invalid.examples.push({ source: this.source, line, reason });
  }

  private count(record: ReviewedRecord, ms: number): void {
    const state = this.state;
    state.records++;
    state.policies.get(record.policy.name).count++;
    if (state.first === null || ms < state.first.ms) state.first = { ms, at: record.at };
    if (state.last === null || ms > state.last.ms) state.last = { ms, at: record.at };

    const outcome = record.outcome;
    const human = HUMAN_ROUTES.includes(record.route);
    const approved = outcome?.decision === 'approved';
    const downstreamError = record.downstream?.error;

    state.routes.get(record.route)!.add(record);
    state.weeks.get(isoWeek(ms)).add(record);

    for (const id of matchedRules(record)) {
      const rule = state.rules.get(id);
      rule.add(record);
      if (human && isJudgment(outcome?.decision) && this.onRoute(id, record.route)) {
        rule.humanReviews++;
        if (approved) {
          rule.humanApproved++;
          if (downstreamError !== undefined) {
            rule.approvedDownstreamKnown++;
            if (downstreamError) rule.approvedDownstreamErrors++;
          }
        }
      }
      if (outcome?.decision === 'rejected') rule.rejected.add(outcome.reason);
      else if (outcome?.decision === 'edited') rule.edited.add(outcome.reason);
    }

    const downstream = state.downstream;
    if (record.route === 'auto' && downstreamError !== undefined) {
      downstream.autoKnown++;
      if (downstreamError) downstream.autoErrors++;
    }
    if (human && approved && downstreamError !== undefined) {
      downstream.approvedKnown++;
      if (downstreamError) downstream.approvedErrors++;
    }
    if (outcome === undefined) return;

    if (record.route === 'auto' && record.audit === true && OUTCOME_INDEX[outcome.decision] <= OUTCOME_INDEX.edited) {
      downstream.qaVerdicts++;
      if (!approved) downstream.qaCaught++;
    }
    if (outcome.decision === 'rejected') state.reasons.rejected.add(outcome.reason);
    else if (outcome.decision === 'edited') state.reasons.edited.add(outcome.reason);

    const roleKey = state.roles.keyOf(outcome.reviewer ?? UNASSIGNED);
    const role = state.roles.get(roleKey);
    role.add(record);
    const seconds = outcome.turnaroundSeconds;
    role.arrivals[utcHour(ms)]!++;
    if (seconds !== undefined) {
      role.answers[utcHour(ms + seconds * 1000)]!++;
      if (role.slaSeconds !== null && seconds > role.slaSeconds) role.slaBreaches++;
      if (approved) role.approveTimes.add(seconds);
    }

    const reviewerId = outcome.reviewerId;
    if (reviewerId === undefined) return;
    state.reviewers.get(reviewerId).add(record);
    const pairKey = `${roleKey}\u0000${reviewerId}`;
    let pair = state.pairs.get(pairKey);
    if (pair === undefined) {
      if (state.pairs.size >= MAX_PAIRS) {
        state.unpairedReviews++;
        return;
      }
      pair = new PairTally(roleKey, reviewerId);
      state.pairs.set(pairKey, pair);
    }
    pair.reviews++;
    if (approved) {
      pair.approvals++;
      if (seconds !== undefined) pair.approveTimes.add(seconds);
    }
  }
}

/**
 * A checkpoint is judged on the answers where a person judged: approved,
 * rejected or edited. An expiry (nobody answered) and an escalation (handed up)
 * say nothing of whether the review adds judgment, so neither counts for or
 * against ceremony.
 */
function isJudgment(decision: string | undefined): boolean {
  return decision === 'approved' || decision === 'rejected' || decision === 'edited';
}

/** The rules a record matched, each once; `(no rule)` when it matched none. */
function matchedRules(record: HistoryRecord): readonly string[] {
  const rules = record.rules;
  if (rules === undefined || rules.length === 0) return [NO_RULE];
  return rules.length === 1 ? rules : [...new Set(rules)];
}

/** Each role's SLA in seconds, from the policy's reviewers; null for a role it does not name. */
function roleSlas(policy: CompiledPolicy | undefined): (role: string) => number | null {
  const reviewers = policy?.policy.spec.reviewers;
  return (role) => {
    if (reviewers === undefined || !Object.hasOwn(reviewers, role)) return null;
    return parseDuration(reviewers[role]!.sla) ?? null;
  };
}

/** The criteria with defaults filled in, each checked: a share within 0 to 1, a count a whole number from 0. */
function criteriaOf(options: ReviewReportOptions): ReviewReport['criteria'] {
  const ceremonial = { ...DEFAULT_CEREMONIAL, ...definedOnly(options.ceremonial) };
  const rubberStamp = { ...DEFAULT_RUBBER_STAMP, ...definedOnly(options.rubberStamp) };
  return {
    since: options.since ?? null,
    until: options.until ?? null,
    minRecords: count('minRecords', options.minRecords ?? DEFAULT_MIN_RECORDS),
    ceremonial: { level: share('ceremonial.level', ceremonial.level), minReviews: count('ceremonial.minReviews', ceremonial.minReviews) },
    rubberStamp: {
      fastShare: share('rubberStamp.fastShare', rubberStamp.fastShare),
      minApprovals: count('rubberStamp.minApprovals', rubberStamp.minApprovals),
      approveAllLevel: share('rubberStamp.approveAllLevel', rubberStamp.approveAllLevel),
    },
    topReasons: count('topReasons', options.topReasons ?? DEFAULT_TOP_REASONS),
  };
}

function share(name: string, value: number): number {
  if (typeof value !== 'number' || !(value >= 0 && value <= 1)) throw new RangeError(`${name} must be a share from 0 to 1, not ${String(value)}`);
  return value;
}

function count(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name} must be a whole number from 0, not ${String(value)}`);
  return value;
}

function definedOnly<T extends object>(partial: T | undefined): Partial<T> {
  if (partial === undefined) return {};
  return Object.fromEntries(Object.entries(partial).filter(([, value]) => value !== undefined)) as Partial<T>;
}

function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code !== 32 && code !== 9 && code !== 13) return false;
  }
  return true;
}

import { HUMAN_ROUTES, ROUTES, type CompiledPolicy, type HistoryRecord, type Route, type RouteResult } from '@oversight/core';
import { evaluateVariants, prepareVariants, type VariantSet } from '@oversight/core/internal';
import { addToHistogram, newLogHistogram } from '../metrics/log-histogram.js';
import { LineSplitter } from '../history/line-splitter.js';
import { parseRecord } from '../history/parse-record.js';
import type { ChangedRecord } from '../types.js';
import { newReplayState, newRoleTally, type ReplayState, type VariantTally } from './replay-state.js';
import { FirstReads } from './first-reads.js';
import { isBad, isLabelled, verdictOf } from './labels.js';

/** A policy to replay, with its threshold values (thresholdValuesFor); variant 0 is the baseline. */
export interface ReplayVariant {
  plan: CompiledPolicy;
  thresholds?: ArrayLike<number>;
}

export interface ReplayOptions {
  /** Examples kept per list (invalid lines, duplicates, mismatches, escapes, saved reviews). */
  examples?: number;
  /** Told of every replayed record a candidate routes otherwise than the baseline (`variant` counts from 1). */
  onRouteChange?: RouteChangeObserver;
}

export type RouteChangeObserver = (variant: number, record: HistoryRecord, baseline: Route, candidate: Route) => void;

export const DEFAULT_EXAMPLES = 20;
/** Distinct names kept before the rest are counted together: a history cannot grow the report without bound. */
const MAX_NAMES = 200;
const OTHER_NAMES = '(others)';
export const UNASSIGNED = '(unassigned)';

const ROUTE_INDEX: Record<Route, number> = { auto: 0, review_after: 1, approve_before: 2, escalate: 3, deny: 4 };
const HUMAN: readonly boolean[] = ROUTES.map((route) => HUMAN_ROUTES.includes(route));
const AUTO = ROUTE_INDEX.auto;

/**
 * Replays history lines through a baseline and its candidates in one pass,
 * keeping counts, a few examples, and each decisionId read (a later line with
 * one is a duplicate, counted once): memory grows with distinct ids only.
 * Feed it lines; read `state` at the end.
 */
export class Replay {
  readonly state: ReplayState;
  private readonly set: VariantSet;
  private readonly policyName: string;
  private readonly limit: number;
  private readonly onRouteChange: RouteChangeObserver | undefined;
  private readonly plans: CompiledPolicy[];
  private readonly reads = new FirstReads();
  private source = '';
  // Per record, per variant: filled by `visit`, compared after all variants decided.
  private readonly routeOf: Int32Array;
  private readonly ruleOf: (string | undefined)[];
  private record: HistoryRecord | undefined;
  private line = 0;
  private readonly visit = (index: number, result: RouteResult) => this.tally(index, result);

  constructor(variants: readonly ReplayVariant[], options: ReplayOptions = {}) {
    if (variants.length === 0) throw new TypeError('Replay needs a baseline');
    this.plans = variants.map((variant) => variant.plan);
    this.set = prepareVariants(variants);
    this.policyName = variants[0]!.plan.name;
    this.limit = options.examples ?? DEFAULT_EXAMPLES;
    this.onRouteChange = options.onRouteChange;
    this.state = newReplayState(this.plans.map((plan) => plan.rules.length));
    this.routeOf = new Int32Array(variants.length);
    this.ruleOf = new Array<string | undefined>(variants.length);
  }

  /** Names the file (or stream) the next lines come from, for line references. */
  startSource(name: string): void {
    this.source = name;
    if (!this.state.sources.includes(name)) this.state.sources.push(name);
    this.reads.startSource(name);
  }

  /** One line of JSON Lines history; blank lines are skipped. */
  addLine(text: string, line: number): void {
    if (isBlank(text)) return;
    const state = this.state;
    state.total++;
    const parsed = parseRecord(text);
    if (parsed.ok === 'event') {
      state.logEvents++;
      return;
    }
    if (!parsed.ok) {
      state.invalid.count++;
      if (state.invalid.examples.length < this.limit) state.invalid.examples.push({ source: this.source, line, reason: parsed.reason });
      return;
    }
    const record = parsed.record;
    const earlier = this.reads.read(record.decisionId, line);
    if (earlier !== -1) {
      this.addDuplicate(record.decisionId, line, earlier);
      return;
    }
    if (record.policy.name !== this.policyName) {
      countName(state.otherPolicies, record.policy.name);
      return;
    }
    state.replayed++;
    this.noteLabels(record);
    this.record = record;
    this.line = line;
    evaluateVariants(this.set, record.facts, this.visit);
    this.compare(record, line);
  }

  /** A splitter that feeds this replay, line numbers counted from 1 where it starts. */
  lineSplitter(): LineSplitter {
    return new LineSplitter(
      (text, line) => this.addLine(text, line),
      (line, length) => this.addTooLong(line, length),
    );
  }

  /** A line too long to be a record (LineSplitter skipped it): invalid, like any unreadable line. */
  addTooLong(line: number, length: number): void {
    const state = this.state;
    state.total++;
    state.invalid.count++;
    if (state.invalid.examples.length < this.limit) {
      state.invalid.examples.push({ source: this.source, line, reason: `a line of ${length.toLocaleString('en-US')} characters, longer than any history record can be: is this file JSON Lines?` });
    }
  }

  // The first line of a decision is the one that counts; a later one is only listed.
  private addDuplicate(decisionId: string, line: number, earlier: number): void {
    const duplicates = this.state.duplicates;
    duplicates.count++;
    if (duplicates.examples.length < this.limit) duplicates.examples.push({ source: this.source, line, decisionId, first: this.reads.lineAt(earlier) });
  }

  private noteLabels(record: HistoryRecord): void {
    const outcome = record.outcome;
    if (outcome?.turnaroundSeconds !== undefined) {
      const turnaround = this.state.turnaround;
      const role = outcome.reviewer ?? UNASSIGNED;
      const key = nameKey(turnaround, role);
      addToHistogram((turnaround[key] ??= newLogHistogram()), outcome.turnaroundSeconds);
    }
    if (record.route === 'auto' && record.audit === true && isLabelled(record)) {
      this.state.qa.audited++;
      if (isBad(record)) this.state.qa.errors++;
    }
  }

  private tally(index: number, result: RouteResult): void {
    const variant = this.state.variants[index]!;
    const plan = this.plans[index]!;
    const route = ROUTE_INDEX[result.route];
    this.routeOf[index] = route;
    this.ruleOf[index] = result.deciding >= 0 ? plan.rules[result.deciding]!.id : undefined;
    variant.routes[route]!++;
    const states = result.states;
    for (let i = 0; i < states.length; i++) if (states[i] === 1) variant.ruleHits[i]!++;
    if (result.error !== undefined) variant.errors[result.error] = (variant.errors[result.error] ?? 0) + 1;
    if (HUMAN[route]) this.tallyReview(variant, route, result.reviewer ?? UNASSIGNED);
    if (index === 0) this.checkFidelity(result);
  }

  private tallyReview(variant: VariantTally, route: number, role: string): void {
    const tally = (variant.roles[role] ??= newRoleTally());
    tally.byRoute[route]!++;
    const seconds = this.record!.outcome?.turnaroundSeconds;
    if (seconds === undefined) tally.withoutTurnaround++;
    else tally.recordedSeconds += seconds;
  }

  private checkFidelity(result: RouteResult): void {
    const fidelity = this.state.fidelity;
    const record = this.record!;
    fidelity.of++;
    if (result.route === record.route) {
      fidelity.reproduced++;
      return;
    }
    if (fidelity.mismatches.length >= this.limit) return;
    const plan = this.plans[0]!;
    fidelity.mismatches.push({
      source: this.source,
      line: this.line,
      decisionId: record.decisionId,
      recorded: { route: record.route, rules: record.rules },
      replayed: {
        route: result.route,
        rules: plan.rules.filter((_, i) => result.states[i] === 1).map((rule) => rule.id),
        ...(result.error === undefined ? {} : { error: result.error }),
      },
    });
  }

  // Each candidate against the baseline, once every variant has decided this record.
  private compare(record: HistoryRecord, line: number): void {
    const variants = this.state.variants;
    const baseline = this.routeOf[0]!;
    const bad = isBad(record);
    const historyAuto = record.route === 'auto';
    const neverReviewed = historyAuto && record.outcome === undefined && record.audit !== true;
    for (let index = 0; index < variants.length; index++) {
      const variant = variants[index]!;
      const candidate = this.routeOf[index]!;
      if (candidate === AUTO && bad) variant.automatedErrors++;
      if (index === 0) continue;
      variant.matrix[baseline * 5 + candidate]!++;
      if (candidate !== baseline) this.onRouteChange?.(index, record, ROUTES[baseline]!, ROUTES[candidate]!);
      if (HUMAN[candidate] && neverReviewed) variant.toHumanNeverReviewed++;
      if (candidate !== AUTO || baseline === AUTO) continue;
      variant.newlyAutomated++;
      if (bad) {
        variant.escapes++;
        if (variant.escapeExamples.length < this.limit) variant.escapeExamples.push(this.changed(record, line, index));
      } else if (verdictOf(record) === 'approved') {
        variant.savedReviews++;
        if (variant.savedExamples.length < this.limit) variant.savedExamples.push(this.changed(record, line, index));
      } else {
        variant.newlyAutomatedUnlabeled++;
      }
    }
  }

  private changed(record: HistoryRecord, line: number, index: number): ChangedRecord {
    return {
      source: this.source,
      line,
      decisionId: record.decisionId,
      recordedRoute: record.route,
      baselineRoute: ROUTES[this.routeOf[0]!]!,
      candidateRoute: ROUTES[this.routeOf[index]!]!,
      rule: this.ruleOf[index],
      outcome: record.outcome?.decision,
      reason: record.outcome?.reason,
      downstreamError: record.downstream?.error,
    };
  }
}

/** The key a name is counted under: itself while fewer than MAX_NAMES are kept (or it is one of them), else `(others)`. */
export function nameKey(counts: Readonly<Record<string, unknown>>, name: string): string {
  return Object.hasOwn(counts, name) || Object.keys(counts).length < MAX_NAMES ? name : OTHER_NAMES;
}

function countName(counts: Record<string, number>, name: string): void {
  const key = nameKey(counts, name);
  counts[key] = (counts[key] ?? 0) + 1;
}

function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code !== 32 && code !== 9 && code !== 13) return false;
  }
  return true;
}

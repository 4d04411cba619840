import { ROUTES, type CompiledPolicy, type ErrorCode, type Route } from '@oversight/core';
import { decidingRule, planOf, reviewerFor } from '@oversight/core/internal';

// Rule states as core's kernel writes them.
const TRUE = 1;
const UNKNOWN = 2;

/** What the replay tallies for one variant of one record: the SQL's route, error and rule ids, with the rule and reviewer core would name. */
export interface VariantOutcome {
  route: Route;
  rank: number;
  error: ErrorCode | undefined;
  /** Indexes of the matched rules, in file order. */
  matched: number[];
  /** Their ids, in the same order. */
  matchedIds: string[];
  /** The deciding rule's id, as evaluate names it (also when onError overrode its route). */
  rule: string | undefined;
  reviewer: string | undefined;
}

/**
 * Names a decision's rule and reviewer from the rule states the query found,
 * with core's own functions: the SQL decides each record, and core says whose
 * decision it is, so the two engines cannot disagree on ownership.
 */
export class OutcomeNamer {
  private readonly index = new Map<string, number>();
  private readonly cache = new Map<string, VariantOutcome>();

  constructor(private readonly policy: CompiledPolicy) {
    policy.rules.forEach((rule, i) => this.index.set(rule.id, i));
  }

  /** The outcome of the query's columns: rule sets as lists of ids, or as bitmasks (bit i for the i-th rule). */
  outcome(route: Route, error: string | null, matched: readonly string[] | bigint, undecided: readonly string[] | bigint): VariantOutcome {
    const key = JSON.stringify([route, error, String(matched), String(undecided)]);
    let outcome = this.cache.get(key);
    if (outcome === undefined) {
      outcome = this.name(route, (error ?? undefined) as ErrorCode | undefined, this.ids(matched), this.ids(undecided));
      this.cache.set(key, outcome);
    }
    return outcome;
  }

  private ids(set: readonly string[] | bigint): readonly string[] {
    if (typeof set !== 'bigint') return set;
    return this.policy.rules.flatMap((rule, i) => ((set >> BigInt(i)) & 1n ? [rule.id] : []));
  }

  private name(route: Route, error: ErrorCode | undefined, matched: readonly string[], undecided: readonly string[]): VariantOutcome {
    const plan = planOf(this.policy);
    const states = new Uint8Array(plan.rules.length);
    for (const id of matched) states[this.ruleIndex(id)] = TRUE;
    for (const id of undecided) states[this.ruleIndex(id)] = UNKNOWN;
    const deciding = decidingRule(plan, states);
    const rank = ROUTES.indexOf(route);
    const chosen = deciding >= 0 ? plan.rules[deciding]!.rank : plan.defaultRank;
    // Without an error, only the irreversible gate moves a route from the one the strategy chose.
    const gated = error === undefined && rank !== chosen;
    const indexes = matched.map((id) => this.ruleIndex(id)).sort((a, b) => a - b);
    return {
      route,
      rank,
      error,
      matched: indexes,
      matchedIds: indexes.map((i) => plan.rules[i]!.id),
      rule: deciding >= 0 ? plan.rules[deciding]!.id : undefined,
      reviewer: reviewerFor(plan, states, { route, deciding, gated, error, forcedBy: -1 }),
    };
  }

  private ruleIndex(id: string): number {
    const index = this.index.get(id);
    if (index === undefined) throw new Error(`the SQL named a rule '${id}' that ${this.policy.name} does not have`);
    return index;
  }
}

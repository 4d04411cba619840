import { evaluate, type CompiledPolicy, type DecisionError, type EvaluateOptions, type Route } from '@oversight/core';
import type { PolicyCase } from './parse-cases.js';

/** What a case checks of the decision it got: the parts a cases file can state. */
export interface DecisionGot {
  route: Route;
  matched: string[];
  undecided: string[];
  error?: DecisionError;
  reviewer?: string;
}

/** A case run: the decision it got and, when it failed, each way the decision differs from the case. */
export interface CaseResult {
  case: PolicyCase;
  got: DecisionGot;
  /** Empty when the case passed; else one phrase a difference, e.g. "expected route auto, got deny". */
  mismatches: string[];
}

const list = (ids: readonly string[]) => `[${ids.join(', ')}]`;
const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((id) => b.includes(id));

/**
 * Evaluates a case's facts under the policy and compares the decision with
 * what the case expects: route, matched rules (as a set) and error code
 * always (an absent error means none), undecided rules and reviewer when the
 * case states them (reviewer null: none). `options` carries threshold overrides.
 */
export function checkCase(plan: CompiledPolicy, testCase: PolicyCase, options: Pick<EvaluateOptions, 'thresholds'> = {}): CaseResult {
  const decision = evaluate(plan, testCase.facts, testCase.decisionKey === undefined ? options : { ...options, decisionKey: testCase.decisionKey });
  const got: DecisionGot = {
    route: decision.route,
    matched: decision.matched.map((rule) => rule.id).sort(),
    undecided: decision.undecided.map((rule) => rule.id).sort(),
    ...(decision.error === undefined ? {} : { error: decision.error }),
    ...(decision.reviewer === undefined ? {} : { reviewer: decision.reviewer }),
  };
  const want = testCase.expect;
  const mismatches: string[] = [];
  // The error's message says why a decision failed closed: shown once, with the first phrase that needs it.
  let errorShown = false;
  const errorText = (error: DecisionError) => {
    if (errorShown) return error.code;
    errorShown = true;
    return `${error.code}: ${error.message}`;
  };

  if (got.route !== want.route) mismatches.push(`expected route ${want.route}, got ${got.route}${got.error === undefined ? '' : ` (error ${errorText(got.error)})`}`);
  if (!sameSet(got.matched, want.matched)) {
    const rules = new Set(plan.policy.spec.rules.map((rule) => rule.id));
    const unknown = want.matched.filter((id) => !rules.has(id));
    const hint = unknown.length === 0 ? '' : ` (${unknown.map((id) => `'${id}'`).join(', ')} ${unknown.length === 1 ? 'is not a rule' : 'are not rules'} of the policy)`;
    mismatches.push(`expected matched ${list([...want.matched].sort())}, got ${list(got.matched)}${hint}`);
  }
  if (got.error?.code !== want.error) {
    mismatches.push(`expected ${want.error === undefined ? 'no error' : `error ${want.error}`}, got ${got.error === undefined ? 'none' : errorText(got.error)}`);
  }
  if (want.undecided !== undefined && !sameSet(got.undecided, want.undecided)) {
    mismatches.push(`expected undecided ${list([...want.undecided].sort())}, got ${list(got.undecided)}`);
  }
  if (want.reviewer !== undefined && (got.reviewer ?? null) !== want.reviewer) {
    mismatches.push(`expected ${want.reviewer === null ? 'no reviewer' : `reviewer ${want.reviewer}`}, got ${got.reviewer ?? 'none'}`);
  }
  return { case: testCase, got, mismatches };
}

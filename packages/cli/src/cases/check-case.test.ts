import { describe, expect, it } from 'vitest';
import { compilePolicy, loadPolicy } from '@oversight/core';
import { checkCase } from './check-case.js';
import type { CaseExpectation, PolicyCase } from './parse-cases.js';

const loaded = loadPolicy(
  `apiVersion: oversight/v1
kind: RoutingPolicy
metadata: { name: refunds, version: 1, owner: support }
spec:
  default: approve_before
  onError: escalate
  reviewer: support-lead
  facts:
    amount: { type: number, minimum: 0 }
  thresholds:
    autoRefundMax: { value: 50, min: 0, max: 1000 }
  reviewers:
    support-lead: { sla: 2h }
    support-manager: { sla: 1d }
  rules:
    - id: small-refund
      when: { fact: amount, operator: lessThanInclusive, value: { threshold: autoRefundMax } }
      route: auto
    - id: large-refund
      when: { fact: amount, operator: greaterThan, value: 500 }
      route: escalate
      reviewer: support-manager
`,
  'refunds.yaml',
);
if (!loaded.ok) throw new Error(JSON.stringify(loaded.diagnostics));
const plan = compilePolicy(loaded.policy);
const RANGE = { start: { line: 3, column: 11 }, end: { line: 3, column: 20 } };
const check = (facts: Record<string, unknown>, expect: CaseExpectation, thresholds?: Record<string, number>) => {
  const testCase: PolicyCase = { name: 'a case', facts, expect, range: RANGE };
  return checkCase(plan, testCase, thresholds === undefined ? {} : { thresholds }).mismatches;
};

describe('checkCase', () => {
  it('passes a case whose route, matched rules and reviewer are the decision', () => {
    expect(check({ amount: 600 }, { route: 'escalate', matched: ['large-refund'], reviewer: 'support-manager' })).toEqual([]);
  });

  it('compares the matched rules as a set', () => {
    const result = checkCase(plan, { name: 'a', facts: { amount: 600 }, expect: { route: 'escalate', matched: ['large-refund'] }, range: RANGE });
    expect(result.got).toEqual({ route: 'escalate', matched: ['large-refund'], undecided: [], reviewer: 'support-manager' });
  });

  it('names the expected and the actual route, and the error that made the decision fail closed', () => {
    expect(check({}, { route: 'approve_before', matched: [] })).toEqual([
      "expected route approve_before, got escalate (error missing-fact: rule 'large-refund' (escalate) could not be decided: amount missing; it might have applied, so the decision fails closed to escalate)",
      'expected no error, got missing-fact',
    ]);
  });

  it('checks the error code: absent means the decision must carry none', () => {
    expect(check({}, { route: 'escalate', matched: [], error: 'missing-fact' })).toEqual([]);
    expect(check({ amount: 10 }, { route: 'auto', matched: ['small-refund'], error: 'missing-fact' })).toEqual(['expected error missing-fact, got none']);
    expect(check({ amount: -1 }, { route: 'escalate', matched: [], error: 'missing-fact' })).toEqual([
      "expected error missing-fact, got invalid-fact: fact 'amount' is -1: must be >= 0",
    ]);
  });

  it('says which expected rule ids the policy does not have', () => {
    expect(check({ amount: 10 }, { route: 'auto', matched: ['small-refnud'] })).toEqual(["expected matched [small-refnud], got [small-refund] ('small-refnud' is not a rule of the policy)"]);
  });

  it('checks undecided rules only when the case states them', () => {
    expect(check({}, { route: 'escalate', matched: [], error: 'missing-fact' })).toEqual([]);
    expect(check({}, { route: 'escalate', matched: [], error: 'missing-fact', undecided: ['large-refund'] })).toEqual([
      'expected undecided [large-refund], got [large-refund, small-refund]',
    ]);
  });

  it('checks the reviewer when stated: a role, or null for none; absent is not checked', () => {
    expect(check({ amount: 200 }, { route: 'approve_before', matched: [] })).toEqual([]);
    expect(check({ amount: 200 }, { route: 'approve_before', matched: [], reviewer: 'support-manager' })).toEqual(['expected reviewer support-manager, got support-lead']);
    expect(check({ amount: 200 }, { route: 'approve_before', matched: [], reviewer: null })).toEqual(['expected no reviewer, got support-lead']);
    expect(check({ amount: 10 }, { route: 'auto', matched: ['small-refund'], reviewer: 'support-lead' })).toEqual(['expected reviewer support-lead, got none']);
  });

  it('decides with the threshold overrides it is given', () => {
    expect(check({ amount: 200 }, { route: 'auto', matched: ['small-refund'] }, { autoRefundMax: 300 })).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { at, lintWith, policyText, RULES_LINE } from '../../test/policy-text.js';
import { missingReviewer } from './missing-reviewer.js';

// The test header sets default: approve_before (line 9), no onError, and spec.reviewer: lead just above the rules.
// Without spec.reviewer the rules start on RULES_LINE - 1; a deny default and onError (two lines) bring them back.
const unowned = (text: string) => text.replace('  reviewer: lead\n', '');
const denyOnError = (text: string) => unowned(text).replace('  default: approve_before\n', '  default: deny\n  onError: deny\n');
const findings = (text: string) => lintWith(missingReviewer, text).map((d) => `${at(d)} ${d.message}`);

const roles = 'one of: lead';
const big = '    - id: big\n      when: { fact: amount, operator: greaterThan, value: 100 }\n      route: approve_before\n';

describe('missing-reviewer', () => {
  it('reports a human rule without a reviewer when the policy has no spec.reviewer, at the route', () => {
    const [finding] = lintWith(missingReviewer, denyOnError(policyText({ rules: big })));
    expect(finding?.message).toBe(
      `rule 'big' sends actions to a person (approve_before) but names no reviewer, and the policy has no spec.reviewer: add reviewer: <role> to the rule, or under spec to own every human decision no rule assigns (${roles}), so someone is accountable and an SLA applies`,
    );
    expect(at(finding)).toBe(`${RULES_LINE + 2}:14-${RULES_LINE + 2}:28`);
  });

  it('does not report a human rule without a reviewer when spec.reviewer owns it, nor anything else then', () => {
    const rules = big + '    - id: small\n      when: { fact: amount, operator: lessThan, value: 1 }\n      route: auto\n';
    expect(lintWith(missingReviewer, policyText({ rules }))).toEqual([]);
  });

  it('does not report a human route with a reviewer, nor deny, when default and onError are deny', () => {
    const rules =
      '    - id: big\n      when: { fact: amount, operator: greaterThan, value: 100 }\n      route: approve_before\n      reviewer: lead\n' +
      '    - id: huge\n      when: { fact: amount, operator: greaterThan, value: 1000 }\n      route: deny\n';
    expect(lintWith(missingReviewer, denyOnError(policyText({ rules })))).toEqual([]);
  });

  it('reports a human default and a human onError without spec.reviewer, each at its value', () => {
    const rules = '    - id: huge\n      when: { fact: amount, operator: greaterThan, value: 1000 }\n      route: deny\n';
    const text = unowned(policyText({ rules })).replace('  default: approve_before\n', '  default: escalate\n  onError: escalate\n');
    expect(findings(text)).toEqual([
      `9:12-9:20 default: escalate sends every action no rule matches to a person, but no one owns those decisions: add reviewer: <role> under spec (${roles}), so someone is accountable and an SLA applies`,
      `10:12-10:20 onError: escalate sends every action that cannot be evaluated safely to a person, but no one owns those decisions: add reviewer: <role> under spec (${roles}), so someone is accountable and an SLA applies`,
    ]);
  });

  it('reports an unset onError (approve_before by default) once, on spec', () => {
    const rules = '    - id: huge\n      when: { fact: amount, operator: greaterThan, value: 1000 }\n      route: deny\n';
    const text = unowned(policyText({ rules })).replace('  default: approve_before\n', '  default: deny\n');
    expect(findings(text)).toEqual([
      `7:1-7:5 the policy sets no onError, so a person gets every action that cannot be evaluated safely (approve_before, the default), but no one owns those decisions: add reviewer: <role> under spec (${roles}), so someone is accountable and an SLA applies`,
    ]);
  });

  it('reports an unset default and an unset onError in one finding on spec', () => {
    const rules = '    - id: huge\n      when: { fact: amount, operator: greaterThan, value: 1000 }\n      route: deny\n';
    const text = unowned(policyText({ rules })).replace('  default: approve_before\n', '');
    expect(findings(text)).toEqual([
      `7:1-7:5 the policy sets no default or onError, so a person gets every action no rule matches and every action that cannot be evaluated safely (approve_before, the default), but no one owns those decisions: add reviewer: <role> under spec (${roles}), so someone is accountable and an SLA applies`,
    ]);
  });

  it('reports the irreversible gate without spec.reviewer, at the irreversible fact, naming what it lifts', () => {
    const rules =
      '    - id: small\n      when: { fact: amount, operator: lessThan, value: 10 }\n      route: auto\n' +
      '    - id: middling\n      when: { fact: amount, operator: lessThan, value: 100 }\n      route: review_after\n      reviewer: lead\n' +
      '    - id: tiny\n      when: { fact: amount, operator: lessThan, value: 1 }\n      route: auto\n      exempt: [irreversible]\n      justification: Pennies.\n' +
      '    - id: reversible-only\n      when: { all: [{ fact: amount, operator: lessThan, value: 5 }, { fact: irreversible, operator: equal, value: false }] }\n      route: auto\n';
    const text = unowned(policyText({ rules })).replace('  default: approve_before\n', '  default: review_after\n  onError: deny\n');
    const gate = lintWith(missingReviewer, text).find((d) => d.range.start.line === 22);
    expect(gate?.message).toBe(
      `the irreversible gate sends to approve_before every irreversible action that rules 'small', 'middling' or the default (review_after) would run before a person approves it, but no one owns those decisions: add reviewer: <role> under spec (${roles}), so someone is accountable and an SLA applies`,
    );
    expect(at(gate)).toBe('22:5-22:17');
  });

  it('does not report the gate when nothing it lifts can match an irreversible action', () => {
    const rules =
      '    - id: tiny\n      when: { fact: amount, operator: lessThan, value: 1 }\n      route: auto\n      exempt: [irreversible]\n      justification: Pennies.\n' +
      '    - id: reversible-only\n      when: { all: [{ fact: amount, operator: lessThan, value: 5 }, { fact: irreversible, operator: equal, value: false }] }\n      route: auto\n';
    expect(lintWith(missingReviewer, denyOnError(policyText({ rules })))).toEqual([]);
  });

  it('tells a policy with no reviewer roles to declare one', () => {
    const text = denyOnError(policyText({ rules: big })).replace('  reviewers:\n    lead: { sla: 4h }\n', '');
    expect(lintWith(missingReviewer, text)[0]?.message).toContain('(declare the role under spec.reviewers first)');
  });
});

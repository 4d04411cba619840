import { describe, expect, it } from 'vitest';
import { lintPolicy } from './lint-policy.js';
import { at, NOW, policyText as textOf, RULES_LINE, type PolicyParts } from '../test/policy-text.js';

const noReviewer = '    - id: big\n      when: { fact: amount, operator: greaterThan, value: { threshold: limit } }\n      route: approve_before\n';
// No spec.reviewer to own the rule, and nothing else a person gets (default and onError deny): the rule is the one finding.
// The two lines for default and onError take the place of the two removed, so the rules start on RULES_LINE.
const policyText = (parts: PolicyParts) =>
  textOf(parts).replace('  reviewer: lead\n', '').replace('  default: approve_before\n', '  default: deny\n  onError: deny\n');
const lint = (text: string) => lintPolicy(text, 'policy.yaml', { now: NOW }).diagnostics.map((d) => `${at(d)} ${d.ruleId}`);

describe('inline disables', () => {
  it('silences the named rule on the next line when a reason is given', () => {
    const rules = noReviewer.replace('      route:', '      # oversight-lint-disable-next-line missing-reviewer -- the queue assigns a reviewer\n      route:');
    expect(lint(policyText({ rules }))).toEqual([]);
  });

  it('reports a disable without a reason, and still honours it', () => {
    const rules = noReviewer.replace('      route:', '      # oversight-lint-disable-next-line missing-reviewer\n      route:');
    expect(lint(policyText({ rules }))).toEqual([`${RULES_LINE + 2}:7-${RULES_LINE + 2}:58 disable-without-reason`]);
  });

  it('reports a disable that silences nothing, and one that names no rule', () => {
    const rules = noReviewer.replace('      route: approve_before\n', '      # oversight-lint-disable-next-line shadowed-rule, no-such-rule -- stale\n      route: deny\n');
    const diagnostics = lintPolicy(policyText({ rules }), 'policy.yaml', { now: NOW }).diagnostics;
    expect(diagnostics.map((d) => d.message)).toEqual([
      "'shadowed-rule' reports nothing on the next line: remove it from this disable comment",
      "'no-such-rule' is not a lint rule: fix the id or remove it from this disable comment",
    ]);
  });

  it('follows the configured severities, and turns a rule off', () => {
    const text = policyText({ rules: noReviewer });
    expect(lintPolicy(text, 'p.yaml', { now: NOW, severities: { 'missing-reviewer': 'warning' } }).diagnostics.map((d) => d.severity)).toEqual(['warning']);
    expect(lintPolicy(text, 'p.yaml', { now: NOW, severities: { 'missing-reviewer': 'off' } }).diagnostics).toEqual([]);
  });
});

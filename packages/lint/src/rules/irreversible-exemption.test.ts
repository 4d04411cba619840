import { describe, expect, it } from 'vitest';
import { at, lintWith, policyText, RULES_LINE } from '../../test/policy-text.js';
import { irreversibleExemption } from './irreversible-exemption.js';

describe('irreversible-exemption', () => {
  it('reports every exemption with its justification, at the exempt list', () => {
    const rules = '    - id: tiny\n      when: { fact: amount, operator: lessThan, value: 1 }\n      route: auto\n      exempt: [irreversible]\n      justification: >-\n        Pennies cost more\n        to review.\n';
    const [finding] = lintWith(irreversibleExemption, policyText({ rules }));
    expect(finding?.severity).toBe('warning');
    expect(finding?.message).toBe(
      "rule 'tiny' runs irreversible actions without a person (exempt: [irreversible]); justification: \"Pennies cost more to review.\" Confirm it still holds: every exemption is shown on purpose",
    );
    expect(at(finding)).toBe(`${RULES_LINE + 3}:15-${RULES_LINE + 3}:29`);
  });

  it('reports an exemption on a review_after rule: the action runs before a person approves it', () => {
    const rules = '    - id: tiny\n      when: { fact: amount, operator: lessThan, value: 1 }\n      route: review_after\n      reviewer: lead\n      exempt: [irreversible]\n      justification: Read after.\n';
    const [finding] = lintWith(irreversibleExemption, policyText({ rules }));
    expect(finding?.message).toBe(
      "rule 'tiny' runs irreversible actions before a person approves them, with only a review after they run (exempt: [irreversible]); justification: \"Read after.\" Confirm it still holds: every exemption is shown on purpose",
    );
    expect(at(finding)).toBe(`${RULES_LINE + 4}:15-${RULES_LINE + 4}:29`);
  });

  it('reports an exemption on a route the gate never lifts as doing nothing', () => {
    for (const route of ['approve_before', 'escalate', 'deny']) {
      const rules = `    - id: big\n      when: { fact: amount, operator: greaterThan, value: 1 }\n      route: ${route}\n      exempt: [irreversible]\n      justification: Why not.\n`;
      const [finding, ...rest] = lintWith(irreversibleExemption, policyText({ rules }));
      expect(rest).toEqual([]);
      expect(finding?.message).toBe(
        `rule 'big' is ${route}, which waits for a person or never runs, so the irreversible gate (it lifts only auto and review_after) never applies and exempt: [irreversible] does nothing: delete exempt and justification`,
      );
      expect(at(finding)).toBe(`${RULES_LINE + 3}:15-${RULES_LINE + 3}:29`);
    }
  });

  it('does not report a rule without an exemption', () => {
    const rules = '    - id: tiny\n      when: { fact: amount, operator: lessThan, value: 1 }\n      route: auto\n';
    expect(lintWith(irreversibleExemption, policyText({ rules }))).toEqual([]);
  });
});

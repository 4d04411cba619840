import { describe, expect, it } from 'vitest';
import { at, lintWith, policyText, RULES_LINE } from '../../test/policy-text.js';
import { irreversibleAuto } from './irreversible-auto.js';

const NO_IRREVERSIBLE_FACT = '    amount: { type: number, minimum: 0, maximum: 10000 }\n    kind: { type: string, enum: [refund, credit] }\n    confident: { type: boolean }';

describe('irreversible-auto', () => {
  it('reports an auto rule in a policy with no irreversible fact (no gate), at its route', () => {
    const text = policyText({ facts: NO_IRREVERSIBLE_FACT, rules: '    - id: small\n      when: { fact: amount, operator: lessThan, value: 10 }\n      route: auto\n' });
    const [finding] = lintWith(irreversibleAuto, text);
    expect(finding?.message).toBe(
      "rule 'small' is auto: it runs actions before a person approves them, but the policy declares no irreversible fact, so nothing stops an irreversible action from running: declare irreversible: { type: boolean } under spec.facts and send it with every action",
    );
    // One fact fewer than the default header: the rule starts a line earlier.
    expect(at(finding)).toBe(`${RULES_LINE + 1}:14-${RULES_LINE + 1}:18`);
  });

  it('reports a review_after rule in a policy with no irreversible fact: it runs the action before a person looks too', () => {
    const text = policyText({ facts: NO_IRREVERSIBLE_FACT, rules: '    - id: small\n      when: { fact: amount, operator: lessThan, value: 10 }\n      route: review_after\n      reviewer: lead\n' });
    const [finding, ...rest] = lintWith(irreversibleAuto, text);
    expect(rest).toEqual([]);
    expect(finding?.message).toMatch(/^rule 'small' is review_after: it runs actions before a person approves them, but the policy declares no irreversible fact/);
    expect(at(finding)).toBe(`${RULES_LINE + 1}:14-${RULES_LINE + 1}:26`);
  });

  it('reports a default of auto or review_after in a policy with no irreversible fact, at the default', () => {
    for (const route of ['auto', 'review_after']) {
      const text = policyText({ facts: NO_IRREVERSIBLE_FACT, rules: '    - id: big\n      when: { fact: amount, operator: greaterThan, value: 10 }\n      route: deny\n' }).replace(
        'default: approve_before',
        `default: ${route}`,
      );
      const [finding, ...rest] = lintWith(irreversibleAuto, text);
      expect(rest).toEqual([]);
      expect(finding?.message).toMatch(new RegExp(`^default: ${route} runs every action no rule matches before a person approves it, but the policy declares no irreversible fact`));
      expect(at(finding)).toBe(`9:12-9:${12 + route.length}`);
    }
  });

  it('does not report a default of auto or review_after when the gate lifts it (the default is never exempt)', () => {
    const text = policyText({ rules: '    - id: big\n      when: { fact: amount, operator: greaterThan, value: 10 }\n      route: deny\n' }).replace('default: approve_before', 'default: review_after');
    expect(lintWith(irreversibleAuto, text)).toEqual([]);
  });

  it('reports an unexempt auto or review_after rule that matches only irreversible actions, naming its route', () => {
    for (const route of ['auto', 'review_after']) {
      const rules = `    - id: small\n      when:\n        all:\n          - { fact: amount, operator: lessThan, value: 10 }\n          - { fact: irreversible, operator: equal, value: true }\n      route: ${route}\n`;
      const [finding] = lintWith(irreversibleAuto, policyText({ rules }));
      expect(finding?.message).toBe(
        `rule 'small' is ${route} but matches only irreversible actions, which the irreversible gate sends to approve_before: route it to a person, or add exempt: [irreversible] with a justification`,
      );
      expect(at(finding)).toBe(`${RULES_LINE + 5}:14-${RULES_LINE + 5}:${14 + route.length}`);
    }
  });

  it('does not report an auto or review_after rule that leans on the gate, nor an exempt one', () => {
    const rules =
      '    - id: small\n      when: { fact: amount, operator: lessThan, value: 10 }\n      route: auto\n' +
      '    - id: middling\n      when: { fact: amount, operator: lessThan, value: 100 }\n      route: review_after\n      reviewer: lead\n' +
      '    - id: tiny\n      when: { all: [{ fact: amount, operator: lessThan, value: 1 }, { fact: irreversible, operator: equal, value: true }] }\n      route: auto\n      exempt: [irreversible]\n      justification: Pennies.\n' +
      '    - id: tiny-review\n      when: { all: [{ fact: amount, operator: lessThan, value: 2 }, { fact: irreversible, operator: equal, value: true }] }\n      route: review_after\n      reviewer: lead\n      exempt: [irreversible]\n      justification: Pennies, read after.\n';
    expect(lintWith(irreversibleAuto, policyText({ rules }))).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { at, lintWith, policyText, RULES_LINE } from '../../test/policy-text.js';
import { irreversibleAuto } from './irreversible-auto.js';

describe('irreversible-auto', () => {
  it('reports an auto rule in a policy with no irreversible fact (no gate), at its route', () => {
    const facts = '    amount: { type: number, minimum: 0, maximum: 10000 }\n    kind: { type: string, enum: [refund, credit] }\n    confident: { type: boolean }';
    const text = policyText({ facts, rules: '    - id: small\n      when: { fact: amount, operator: lessThan, value: 10 }\n      route: auto\n' });
    const [finding] = lintWith(irreversibleAuto, text);
    expect(finding?.message).toMatch(/^rule 'small' runs actions alone, but the policy declares no irreversible fact/);
    // One fact fewer than the default header: the rule starts a line earlier.
    expect(at(finding)).toBe(`${RULES_LINE + 1}:14-${RULES_LINE + 1}:18`);
  });

  it('reports an unexempt auto rule that matches only irreversible actions', () => {
    const rules = '    - id: small\n      when:\n        all:\n          - { fact: amount, operator: lessThan, value: 10 }\n          - { fact: irreversible, operator: equal, value: true }\n      route: auto\n';
    const [finding] = lintWith(irreversibleAuto, policyText({ rules }));
    expect(finding?.message).toMatch(/^rule 'small' is auto but matches only irreversible actions/);
    expect(at(finding)).toBe(`${RULES_LINE + 5}:14-${RULES_LINE + 5}:18`);
  });

  it('does not report an auto rule that leans on the gate, nor an exempt one', () => {
    const rules =
      '    - id: small\n      when: { fact: amount, operator: lessThan, value: 10 }\n      route: auto\n' +
      '    - id: tiny\n      when: { all: [{ fact: amount, operator: lessThan, value: 1 }, { fact: irreversible, operator: equal, value: true }] }\n      route: auto\n      exempt: [irreversible]\n      justification: Pennies.\n';
    expect(lintWith(irreversibleAuto, policyText({ rules }))).toEqual([]);
  });
});

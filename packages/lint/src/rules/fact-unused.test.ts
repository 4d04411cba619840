import { describe, expect, it } from 'vitest';
import { at, lintWith, policyText } from '../../test/policy-text.js';
import { factUnused } from './fact-unused.js';

const rules = '    - id: a\n      when: { fact: amount, operator: greaterThan, value: 100 }\n      route: deny\n';

describe('fact-unused', () => {
  it('reports a fact no condition, packet field or gate uses, at its name', () => {
    const facts = '    amount: { type: number }\n    kind: { type: string }\n    confident: { type: boolean }\n    irreversible: { type: boolean }\n    ticketId: { type: string }';
    const [finding, ...rest] = lintWith(factUnused, policyText({ rules, facts }));
    expect(rest).toEqual([]);
    expect(finding?.message).toMatch(/^fact 'ticketId' is declared but no condition, packet field or the irreversible gate uses it/);
    expect(at(finding)).toBe('22:5-22:13');
  });

  it('counts the packet and the irreversible gate as uses', () => {
    expect(lintWith(factUnused, policyText({ rules }))).toEqual([]);
  });
});

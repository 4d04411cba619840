import { compilePolicy, type Policy } from '@oversight/core';
import { describe, expect, it } from 'vitest';
import { diffPolicies } from '../src/index.js';
import { policyFrom } from './policy-text.js';

function policy(rules: string, facts = ''): Policy {
  return policyFrom(
    'words',
    `  facts:
    amount: { type: number, minimum: 0, maximum: 1000 }
    seats: { type: integer, minimum: 1 }
    kind: { type: string, enum: [refund, credit, voucher] }
    account:
      type: object
      properties:
        tier: { type: string, enum: [smb, enterprise] }
${facts}  rules:
${rules}`,
  );
}

const phrases = (a: Policy, b: Policy) => diffPolicies(compilePolicy(a), compilePolicy(b)).changed.map((region) => `${region.where.join(', ')}: ${region.from} → ${region.to}`);

describe('the words of a region', () => {
  it('say numbers as intervals within the declared bounds, listed values by name, integers without "whole number"', () => {
    const before = policy('    - { id: small, when: { all: [ { fact: amount, operator: lessThanInclusive, value: 50 }, { fact: kind, operator: in, value: [refund, credit] }, { fact: seats, operator: lessThan, value: 3 } ] }, route: auto }\n');
    const after = policy('    - { id: small, when: { all: [ { fact: amount, operator: lessThanInclusive, value: 80 }, { fact: kind, operator: in, value: [refund, credit] }, { fact: seats, operator: lessThan, value: 3 } ] }, route: auto }\n');
    expect(phrases(before, after)).toEqual(['amount in (50, 80], seats in [1, 3), kind in [refund, credit]: approve_before → auto']);
  });

  it('say an object by what the rules read of it', () => {
    const before = policy('    - { id: smb, when: { fact: account, path: $.tier, operator: equal, value: smb }, route: auto }\n');
    const after = policy('    - { id: smb, when: { fact: account, path: $.tier, operator: equal, value: smb }, route: review_after }\n');
    expect(phrases(before, after)).toEqual(['account where account.tier = "smb": auto → review_after']);
  });

  it('name a fact only the candidate declares: absent where both decide, present where the baseline refuses it', () => {
    const before = policy('    - { id: small, when: { fact: amount, operator: lessThan, value: 10 }, route: auto }\n');
    const after = policy(
      '    - { id: small, when: { fact: amount, operator: lessThan, value: 10 }, route: auto }\n    - { id: chat, when: { fact: channel, operator: equal, value: chat }, route: deny }\n',
      '    channel: { type: string, enum: [chat, email] }\n',
    );
    const found = phrases(before, after);
    expect(found).toContain('amount in [0, 10), channel absent: auto → escalate');
    expect(found.some((phrase) => phrase.includes('channel present (undeclared for the baseline)'))).toBe(true);
  });
});

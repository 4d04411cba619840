import { describe, expect, it } from 'vitest';
import { at, lintWith, policyText, RULES_LINE } from '../../test/policy-text.js';
import { duplicateId } from './duplicate-id.js';

const rule = (id: string) => `    - id: ${id}\n      when: { fact: amount, operator: greaterThan, value: 5 }\n      route: deny\n`;

describe('duplicate-id', () => {
  it('reports the second use of a rule id at that id', () => {
    const [finding] = lintWith(duplicateId, policyText({ rules: rule('a') + rule('a') }));
    expect(finding?.message).toBe("spec.rules[1].id: rule id 'a' is already used by spec.rules[0]; rule ids must be unique");
    expect(at(finding)).toBe(`${RULES_LINE + 3}:11-${RULES_LINE + 3}:12`);
  });

  it('does not report distinct ids', () => {
    expect(lintWith(duplicateId, policyText({ rules: rule('a') + rule('b') }))).toEqual([]);
  });
});

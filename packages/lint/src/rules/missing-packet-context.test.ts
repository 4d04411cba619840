import { describe, expect, it } from 'vitest';
import { at, lintWith, policyText, RULES_LINE } from '../../test/policy-text.js';
import { missingPacketContext } from './missing-packet-context.js';

const rules = '    - id: unsure\n      when: { fact: confident, operator: equal, value: false }\n      route: approve_before\n      reviewer: lead\n';

describe('missing-packet-context', () => {
  it('reports a human rule whose packet shows none of the facts it tests, at its when', () => {
    const text = policyText({ rules }).replace('    context: [kind, confident]\n', '    context: [kind]\n');
    const [finding] = lintWith(missingPacketContext, text);
    expect(finding?.message).toMatch(/^rule 'unsure' sends actions to a person, but its packet shows none of the facts it tests \(confident\)/);
    expect(at(finding)).toBe(`${RULES_LINE + 1}:7-${RULES_LINE + 1}:11`);
  });

  it('reports a packet with no context or impact when actions reach people', () => {
    const text = policyText({ rules }).replace('  packet:\n    context: [kind, confident]\n    impact: [amount, irreversible]\n', '  packet:\n    summary: "{{kind}}"\n');
    const [finding] = lintWith(missingPacketContext, text);
    expect(finding?.message).toMatch(/^actions reach people \(rule 'unsure'\), but the review packet lists no context or impact facts/);
    expect(at(finding)).toBe('14:3-14:9');
  });

  it('does not report a packet that shows the tested fact', () => {
    expect(lintWith(missingPacketContext, policyText({ rules }))).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import type { Decision } from '@oversight/core';
import { jsonlFormatter } from './jsonl.js';

const decision: Decision = {
  route: 'approve_before',
  matched: [{ id: 'refund-over-limit', route: 'approve_before', because: ['amount 120 > autoRefundMax 50'] }],
  undecided: [],
  reviewer: 'support-lead',
  sla: '2h',
  sampled: false,
  policy: { name: 'support-refunds', version: 3, hash: 'sha256:abc' },
  packet: { summary: 'line one\nline two', action: {}, why: [], context: {}, impact: {}, choices: ['approve'] },
};

describe('jsonl formatter', () => {
  it('writes a decision as exactly one line of JSON that reads back to the same decision', () => {
    const text = jsonlFormatter.decision({ line: 9, decision });
    expect(text.endsWith('\n')).toBe(true);
    expect(text.slice(0, -1)).not.toContain('\n');
    expect(JSON.parse(text)).toEqual(decision);
  });

  it('adds nothing after the last decision, so the output stays pure JSON Lines', () => {
    expect(jsonlFormatter.end({ total: 1, routes: { auto: 0, review_after: 0, approve_before: 1, escalate: 0, deny: 0 }, errors: 0 })).toBe('');
  });
});

import { describe, expect, it } from 'vitest';
import type { Decision } from '@oversight/core';
import { createPrettyFormatter } from './pretty.js';
import { countDecision, createTally } from './tally.js';

const policy = { name: 'support-refunds', version: 3, hash: 'sha256:abc' };

const approval: Decision = {
  route: 'approve_before',
  matched: [
    { id: 'refund-over-limit', route: 'approve_before', because: ['amount 120 > autoRefundMax 50'] },
    { id: 'new-customer', route: 'review_after', because: ['customerAgeDays 3 < 30'] },
  ],
  undecided: [{ id: 'chargeback-risk', route: 'review_after', missing: ['riskScore'] }],
  reviewer: 'support-lead',
  sla: '2h',
  slaSeconds: 7200,
  deadline: '2026-10-03T14:00:00.000Z',
  sampled: false,
  policy,
  packet: {
    summary: 'Refund of 120 for order A-2',
    action: { amount: 120, orderId: 'A-2' },
    why: ['amount 120 > autoRefundMax 50'],
    context: { orderId: 'A-2', confidence: 0.95 },
    impact: { amount: 120 },
    choices: ['approve', 'reject', 'edit'],
  },
};

const automatic: Decision = { route: 'auto', matched: [{ id: 'small-refund', route: 'auto', because: ['amount 20 <= autoRefundMax 50'] }], undecided: [], sampled: true, policy };

const failed: Decision = {
  route: 'escalate',
  matched: [],
  undecided: [],
  sampled: false,
  policy,
  error: { code: 'invalid-fact', message: 'amount must be >= 0, got -5', fact: 'amount' },
};

const plain = createPrettyFormatter({ color: false });
const ESC = '\u001b[';

describe('pretty decision', () => {
  const text = plain.decision({ line: 2, decision: approval });

  it('starts with the input line number and the route', () => {
    expect(text.split('\n')[0]).toBe('line 2  approve_before');
  });

  it('lists each matched rule with its route and the conditions that held', () => {
    expect(text).toContain('refund-over-limit -> approve_before\n      amount 120 > autoRefundMax 50');
    expect(text).toContain('new-customer -> review_after\n      customerAgeDays 3 < 30');
  });

  it('lists the rules that could not be decided and the facts they missed', () => {
    expect(text).toContain('chargeback-risk -> review_after  (missing: riskScore)');
  });

  it('names the reviewer, the SLA and the deadline', () => {
    expect(text).toContain('reviewer support-lead  (SLA 2h, due 2026-10-03T14:00:00.000Z)');
  });

  it('shows the packet a reviewer decides from: summary, why, context, impact and choices', () => {
    expect(text).toContain('summary Refund of 120 for order A-2');
    expect(text).toContain('why\n    amount 120 > autoRefundMax 50');
    expect(text).toContain('context\n    orderId: "A-2"\n    confidence: 0.95');
    expect(text).toContain('impact\n    amount: 120');
    expect(text).toContain('choices approve, reject, edit');
  });

  it('ends each block with a blank line so actions stand apart', () => {
    expect(text.endsWith('\n\n')).toBe(true);
  });

  it('shows the error code, message and fact of a decision that failed closed', () => {
    const failure = plain.decision({ line: 5, decision: failed });
    expect(failure).toContain('error invalid-fact: amount must be >= 0, got -5 (fact: amount)');
    expect(failure).not.toContain('matched');
    expect(failure).not.toContain('reviewer');
  });

  it('marks an automatic decision sampled for QA review, and shows no packet for it', () => {
    const auto = plain.decision({ line: 1, decision: automatic });
    expect(auto.split('\n')[0]).toBe('line 1  auto  (QA sample)');
    expect(auto).not.toContain('summary');
  });

  it('writes no escape codes without colour', () => {
    expect(text).not.toContain(ESC);
  });
});

describe('pretty colour', () => {
  const colored = createPrettyFormatter({ color: true });

  it.each([
    ['auto', '32'],
    ['review_after', '36'],
    ['approve_before', '33'],
    ['escalate', '35'],
    ['deny', '31'],
  ] as const)('paints %s with ANSI colour %s', (route, code) => {
    const header = colored.decision({ line: 1, decision: { ...automatic, sampled: false, route } }).split('\n')[0];
    expect(header).toContain(`${ESC}${code}m${route}${ESC}39m`);
  });
});

describe('pretty summary', () => {
  it('counts decisions by route, in order of restriction, and counts errors', () => {
    const tally = createTally();
    for (const decision of [approval, automatic, failed, automatic]) countDecision(tally, decision);
    expect(plain.end(tally)).toBe('4 decisions: 2 auto, 1 approve_before, 1 escalate; 1 with an error\n');
  });

  it('says so when there was nothing to decide', () => {
    expect(plain.end(createTally())).toBe('0 decisions\n');
  });
});

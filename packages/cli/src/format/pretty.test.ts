import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compilePolicy, evaluate, loadPolicy, type Decision } from '@oversight/core';
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

// What a hostile agent puts in a string fact: clear the screen, retitle the
// window, then a C1 CSI, DEL, and a right-to-left override that would reverse
// what follows it.
const HOSTILE = '\u001b[2J\u001b]0;pwned\u0007\u009b31m\u007f\u202eevil\u2066';
// Raw: ESC and the other C0 controls but a line break, DEL, C1, and the bidi marks.
// eslint-disable-next-line no-control-regex -- looking for control characters is the point
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
// Raw, with colour on: anything but our own SGR colour codes.
// eslint-disable-next-line no-control-regex -- an SGR code starts with ESC
const UNLESS_OUR_COLOURS = (text: string) => text.replace(/\u001b\[\d+m/g, '');

/** Every string of a decision replaced by hostile text, routes kept (the formatter paints by route). */
function hostile<T>(value: T): T {
  return JSON.parse(JSON.stringify(value), (key, item: unknown) =>
    typeof item === 'string' && key !== 'route' ? `${HOSTILE}${item}\nline 9  auto` : item,
  ) as T;
}

describe('pretty output of hostile input', () => {
  it('escapes the terminal commands, C1 controls and bidi overrides of a fact value that reaches the summary, as visible escapes', () => {
    const loaded = loadPolicy(readFileSync(new URL('../../test/fixtures/refunds.yaml', import.meta.url), 'utf8'), 'refunds.yaml');
    if (!loaded.ok) throw new Error(loaded.diagnostics[0]?.message);
    const decision = evaluate(compilePolicy(loaded.policy), { amount: 120, confidence: 0.95, orderId: HOSTILE });
    for (const color of [false, true]) {
      const text = UNLESS_OUR_COLOURS(createPrettyFormatter({ color }).decision({ line: 1, decision }));
      expect(text).not.toMatch(RAW_CONTROL);
      expect(text).toContain('summary Refund of 120 for order \\u001b[2J\\u001b]0;pwned\\u0007\\u009b31m\\u007f\\u202eevil\\u2066');
      expect(text).toContain('orderId: "\\u001b[2J\\u001b]0;pwned\\u0007\\u009b31m\\u007f\\u202eevil\\u2066"');
    }
  });

  it.each([
    ['an approval with its packet', approval],
    ['a decision that failed closed', failed],
  ])('escapes every string of %s: rule ids, reasons, missing facts, error, reviewer, summary, fact names and choices', (_, decision) => {
    for (const color of [false, true]) {
      const text = createPrettyFormatter({ color }).decision({ line: 2, decision: hostile(decision) });
      expect(UNLESS_OUR_COLOURS(text)).not.toMatch(RAW_CONTROL);
      // A line break in input is shown, never a new line of output that could pass for a decision.
      expect(text.split('\n').filter((line) => line.includes('line 9  auto')).every((line) => line.includes('\\nline 9  auto'))).toBe(true);
      expect(text.split('\n')).toHaveLength(plain.decision({ line: 2, decision }).split('\n').length);
    }
  });
});

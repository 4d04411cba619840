// The example's run, checked: each route did what the policy says, and its
// decision log passes `oversight log verify`.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runRefundDesk } from '../examples/refund-desk.js';
import { oversight } from './oversight-command.js';

describe('the refund desk example', () => {
  it('runs the auto and approved refunds, the edits as approved, never the rejected or denied ones; its log verifies', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'openai-agents-example-'));
    const report = await runRefundDesk({ dir });

    expect(report.logPath).toBe(join(dir, 'decisions.jsonl'));
    expect(report.executed).toEqual([
      { orderId: 'ORD-1000001', amount: 30 },
      { orderId: 'ORD-1000002', amount: 120 },
      { orderId: 'ORD-1000005', amount: 450 },
      { orderId: 'ORD-1000006', amount: 600 },
    ]);
    expect(report.answers.map((answer) => [answer.callId, answer.decision, answer.status])).toEqual([
      ['call_lead', 'approve', 'approved'],
      ['call_goodwill', 'reject', 'rejected'],
      ['call_large', 'edit', 'edited'],
      ['call_both_items', 'edit', 'rerouted'],
      ['call_both_items', 'approve', 'approved'],
    ]);
    expect(report.proposals.map((proposal) => [proposal.route, proposal.status])).toEqual([
      ['auto', 'ran'],
      ['approve_before', 'approved'],
      ['approve_before', 'rejected'],
      ['deny', 'denied'],
      ['approve_before', 'approved'],
      ['approve_before', 'rerouted'],
      ['approve_before', 'approved'],
    ]);
    expect(report.finalOutput).toContain('call_other_card: issueRefund was not run: policy support-refunds denies it');

    const verified = await oversight('log', 'verify', report.logPath);
    expect(verified.stderr).toBe('');
    expect(verified.exitCode).toBe(0);
  });
});

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runRefundDesk } from '../examples/refund-desk.js';
import { oversight } from './oversight-command.js';

describe('the example refund desk (pnpm example)', () => {
  it('routes each refund as the policy says, runs only what may run, and leaves a log that `oversight log verify` passes', async () => {
    const logPath = join(mkdtempSync(join(tmpdir(), 'oversight-ai-sdk-example-')), 'decisions.jsonl');
    const run = await runRefundDesk(logPath);

    expect(run.outcomes).toEqual([
      { toolCallId: 'call-1', orderId: 'ORD-1000101', route: 'auto', answers: [], paid: 30 },
      { toolCallId: 'call-2', orderId: 'ORD-1002341', route: 'approve_before', answers: ['support-lead approves → approved by support-lead'], paid: 120 },
      {
        toolCallId: 'call-3',
        orderId: 'ORD-1003377',
        route: 'approve_before',
        answers: [expect.stringMatching(/^support-lead rejects \(the carrier shows it delivered/) as unknown as string],
        refused: expect.stringMatching(/^rejected by support-lead: the carrier shows it delivered/) as unknown as string,
      },
      {
        toolCallId: 'call-4',
        orderId: 'ORD-1004410',
        route: 'deny',
        answers: [],
        refused: 'denied by policy support-refunds: refund-to-other-account (deny): actionType "refund" = "refund"; refundToOriginalMethod false = false',
      },
      {
        toolCallId: 'call-5',
        orderId: 'ORD-1005520',
        route: 'rerouted → escalate',
        answers: [
          'support-lead edits (the agent missed three earlier claims on this account) → waits for approval by fraud-analyst',
          'fraud-analyst approves → approved by fraud-analyst after an edit',
        ],
        paid: 60,
      },
    ]);

    const verified = await oversight('log', 'verify', logPath);
    expect(verified.stderr).toBe('');
    expect(verified.exitCode).toBe(0);
  });
});

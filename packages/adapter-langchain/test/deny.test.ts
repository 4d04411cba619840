// deny: the call is answered by a refusal ToolMessage and the tool never runs;
// no person is asked.
import { describe, expect, test } from 'vitest';
import type { RefusalArtifact } from '../src/index.js';
import { harness, lastText, refund, refundGate, textOf, toolMessages } from './fixtures.js';

describe('deny', () => {
  test('a refund to another account never runs, interrupts nobody, and the model hears why', async () => {
    const gate = await refundGate();
    const h = harness(gate, [{ id: 'call-1', args: refund({ amount: 20, refundToOriginalMethod: false }) }]);
    const done = await h.start('thread-1');
    expect(done.request).toBeUndefined();
    expect(h.issued).toEqual([]);
    const refusal = toolMessages(done.messages).get('call-1')!;
    expect(refusal.status).toBe('error');
    expect(refusal.content).toMatch(/^issueRefund was not executed: the support-refunds policy denies this action \(rules matched: refund-to-other-account; decision [0-9a-f-]+\)\.$/);
    const { oversight } = refusal.artifact as RefusalArtifact;
    expect(oversight).toMatchObject({ status: 'denied', route: 'deny' });
    expect(gate.get(oversight.proposalId!)?.effect).toBe('never');
    expect(gate.authorize(oversight.proposalId!, refund({ amount: 20, refundToOriginalMethod: false })).ok).toBe(false);
    expect(lastText(done.messages)).toBe('done');
  });

  test('a refund above the hard cap is denied while the small one beside it runs', async () => {
    const gate = await refundGate();
    const h = harness(gate, [
      { id: 'huge', args: refund({ amount: 5000 }) },
      { id: 'small', args: refund({ amount: 25, orderId: 'ORD-5000005' }) },
    ]);
    const done = await h.start('thread-2');
    expect(done.request).toBeUndefined();
    expect(h.issued).toEqual([refund({ amount: 25, orderId: 'ORD-5000005' })]);
    expect(textOf(toolMessages(done.messages).get('huge'))).toContain('above-hard-cap');
    expect(toolMessages(done.messages).get('small')?.content).toBe('refunded 25 USD on ORD-5000005');
  });
});

import { readFileSync } from 'node:fs';
import { compilePolicy, evaluate, loadPolicy, type Decision } from '@oversight/core';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { Proposal } from '../types.js';
import { renderPacket, type PacketFormat, type SlackMessage } from './index.js';

function refundDecision(): Decision {
  const loaded = loadPolicy(readFileSync(new URL('../../../../policies/support-refunds.yaml', import.meta.url), 'utf8'), 'support-refunds.yaml');
  if (!loaded.ok) throw new Error(loaded.diagnostics[0]?.message);
  const facts = { actionType: 'refund', amount: 180, currency: 'USD', orderId: 'ORD-1234567', reasonCode: 'damaged', confidence: 0.95, recentClaims: 0, refundToOriginalMethod: true, irreversible: true };
  return evaluate(compilePolicy(loaded.policy), facts, { now: new Date('2026-12-02T10:00:00Z') });
}

const decision = refundDecision();
const WHY = 'refund-needs-approval (approve_before): amount 180 > autoRefundMax 50';

/** The proposal the gate would keep for this decision, after one of two approvals. */
const proposal: Proposal = {
  id: 'prop-42',
  at: '2026-12-02T10:00:00.000Z',
  policy: decision.policy,
  facts: decision.packet?.action ?? {},
  factsHash: 'sha256:0',
  route: decision.route,
  rules: decision.matched.map((rule) => rule.id),
  sampled: false,
  ...(decision.packet && { packet: decision.packet }),
  reviewer: 'support-manager',
  deadline: '2026-12-03T10:00:00.000Z',
  approvalsRequired: 2,
  approvals: [{ reviewer: { id: 'ana@example.com', role: 'support-manager' }, at: '2026-12-02T11:00:00.000Z' }],
  escalations: [],
  status: 'pending',
};

describe('renderPacket of a refund awaiting approval', () => {
  it('is the decision core made (the test relies on its shape)', () => {
    expect(decision).toMatchObject({ route: 'approve_before', reviewer: 'support-lead', sla: '4h', deadline: '2026-12-02T14:00:00.000Z' });
    expect(decision.packet?.why).toEqual([WHY]);
  });

  it('text: the reviewer sees summary, route, why, amount, role, deadline with SLA, and the choices', () => {
    const text = renderPacket(decision, 'text');
    expect(text.split('\n').slice(0, 2)).toEqual(['refund of 180 USD on order ORD-1234567 (damaged)', 'Needs approval before it runs (policy support-refunds@4)']);
    for (const line of [`  - ${WHY}`, '  amount: 180', '  currency: USD', '  irreversible: true', '  Reviewer: support-lead', '  Answer by: 2026-12-02T14:00:00.000Z (SLA 4h)', 'Choices: approve, reject, edit, escalate']) {
      expect(text.split('\n')).toContain(line);
    }
  });

  it('markdown: the same, as it renders', () => {
    const markdown = renderPacket(decision, 'markdown');
    const rendered = markdown.replace(/\\([!-/:-@[-`{-~])/g, '$1');
    expect(markdown.startsWith('### ')).toBe(true);
    for (const part of ['### refund of 180 USD on order ORD-1234567 (damaged)', '**Needs approval before it runs** · policy support-refunds@4', `- ${WHY}`, '- **amount**: 180', '- **Reviewer**: support-lead', '- **Answer by**: 2026-12-02T14:00:00.000Z (SLA 4h)', '**Choices:** approve · reject · edit · escalate']) {
      expect(rendered).toContain(part);
    }
  });

  it('html: the same, with the choices as buttons of the answer form', () => {
    const fragment = renderPacket(decision, 'html', { answerUrl: 'https://gate.example/answer' });
    for (const part of [
      '<h2>refund of 180 USD on order ORD-1234567 (damaged)</h2>',
      '<strong>Needs approval before it runs</strong> · policy support-refunds@4',
      '<li>refund-needs-approval (approve_before): amount 180 &gt; autoRefundMax 50</li>',
      '<dt>amount</dt><dd>180</dd>',
      '<dt>Reviewer</dt><dd>support-lead</dd>',
      '<dt>Answer by</dt><dd>2026-12-02T14:00:00.000Z (SLA 4h)</dd>',
      '<form class="oversight-choices" method="post" action="https://gate.example/answer">',
      '<button name="decision" value="approve">Approve</button>',
      '<button name="decision" value="escalate">Escalate</button>',
    ]) {
      expect(fragment).toContain(part);
    }
  });

  it('slack: the same, with a button for each choice', () => {
    const message = renderPacket(decision, 'slack');
    const json = JSON.stringify(message);
    expect(message.text).toBe('Needs approval before it runs: refund of 180 USD on order ORD-1234567 (damaged) (policy support-refunds@4)');
    expect(message.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'refund of 180 USD on order ORD-1234567 (damaged)', emoji: false } });
    for (const part of ['• refund-needs-approval (approve_before): amount 180 &gt; autoRefundMax 50', 'amount: 180', 'Reviewer: support-lead', 'Answer by: 2026-12-02T14:00:00.000Z (SLA 4h)']) {
      expect(json).toContain(JSON.stringify(part).slice(1, -1));
    }
    const actions = message.blocks.find((block) => block.type === 'actions');
    expect(actions?.type === 'actions' && actions.elements.map((button) => button.action_id)).toEqual(['oversight_approve', 'oversight_reject', 'oversight_edit', 'oversight_escalate']);
  });
});

describe('renderPacket of a gate proposal', () => {
  it('takes a Proposal as it is, and shows the approvals given of those required', () => {
    const text = renderPacket(proposal, 'text');
    expect(text).toContain('  Reviewer: support-manager\n  Answer by: 2026-12-03T10:00:00.000Z\n  Approvals: 1 of 2 given (ana@example.com as support-manager)\n');
    expect(text).toContain('Proposal: prop-42');
    const message = renderPacket(proposal, 'slack');
    const actions = message.blocks.find((block) => block.type === 'actions');
    expect(actions?.type === 'actions' && actions.elements.every((button) => button.value === 'prop-42')).toBe(true);
    expect(renderPacket(proposal, 'html', { answerUrl: '/answer' })).toContain('<input type="hidden" name="id" value="prop-42">');
  });

  it('returns a Block Kit message for slack and a string for the others', () => {
    expectTypeOf(renderPacket(decision, 'slack')).toEqualTypeOf<SlackMessage>();
    expectTypeOf(renderPacket(proposal, 'markdown')).toEqualTypeOf<string>();
    expectTypeOf(renderPacket(proposal, 'text' as PacketFormat)).toEqualTypeOf<string | SlackMessage>();
    expect(typeof renderPacket(proposal, 'html')).toBe('string');
  });

  it('refuses a format it does not know, as an untyped caller could pass', () => {
    expect(() => renderPacket(decision, 'pdf' as PacketFormat)).toThrow(/Unknown packet format "pdf"/);
  });
});

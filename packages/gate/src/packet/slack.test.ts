import { describe, expect, it } from 'vitest';
import { packetView } from './packet-view.js';
import type { PacketSource } from './packet-source.js';
import { renderSlack } from './slack.js';

const source: PacketSource = {
  id: 'p-7',
  route: 'approve_before',
  policy: { name: 'support-refunds', version: 4 },
  reviewer: 'support-lead',
  deadline: '2026-12-02T14:00:00.000Z',
  packet: { summary: 'refund of 180 USD', action: { amount: 180 }, why: ['over the limit'], context: {}, impact: {}, choices: ['approve', 'reject', 'edit', 'escalate'] },
};

describe('renderSlack', () => {
  it('heads the message with the summary and the route, and keeps a fallback text for notifications', () => {
    const message = renderSlack(packetView(source));
    expect(message.text).toBe('Needs approval before it runs: refund of 180 USD (policy support-refunds@4)');
    expect(message.blocks.slice(0, 2)).toEqual([
      { type: 'header', text: { type: 'plain_text', text: 'refund of 180 USD', emoji: false } },
      { type: 'context', elements: [{ type: 'plain_text', text: 'Needs approval before it runs · policy support-refunds@4', emoji: false }] },
    ]);
  });

  it('makes each choice a button oversight_<choice> whose value is the proposal id', () => {
    const actions = renderSlack(packetView(source)).blocks.find((block) => block.type === 'actions');
    expect(actions).toEqual({
      type: 'actions',
      block_id: 'oversight_choices',
      elements: [
        { type: 'button', action_id: 'oversight_approve', text: { type: 'plain_text', text: 'Approve', emoji: false }, value: 'p-7', style: 'primary' },
        { type: 'button', action_id: 'oversight_reject', text: { type: 'plain_text', text: 'Reject', emoji: false }, value: 'p-7', style: 'danger' },
        { type: 'button', action_id: 'oversight_edit', text: { type: 'plain_text', text: 'Edit', emoji: false }, value: 'p-7' },
        { type: 'button', action_id: 'oversight_escalate', text: { type: 'plain_text', text: 'Escalate', emoji: false }, value: 'p-7' },
      ],
    });
  });

  it('keeps every text within the limits Slack refuses a message over', () => {
    const long = 'w'.repeat(5000);
    const facts = Object.fromEntries(Array.from({ length: 40 }, (_, index) => [`fact${index}`, long]));
    const message = renderSlack(packetView({ ...source, packet: { summary: long, action: facts, why: [long, long, long, long, long, long, long], context: facts, impact: facts, choices: ['approve'] } }));
    const header = message.blocks[0];
    expect(header?.type === 'header' && header.text.text.length).toBeLessThanOrEqual(150);
    for (const block of message.blocks) if (block.type === 'section') expect(block.text.text.length).toBeLessThanOrEqual(3000);
    expect(message.blocks.length).toBeLessThanOrEqual(50);
  });

  it('has no buttons when there is nothing to choose', () => {
    const message = renderSlack(packetView({ route: 'deny', policy: { name: 'p', version: 1 } }));
    expect(message.blocks.some((block) => block.type === 'actions')).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import type { SlackMessage } from '../packet/index.js';
import type { GateEvent, Proposal } from '../types.js';
import { slackEventMessage } from './slack-event-message.js';
import { createWebhookNotifier } from './webhook-notifier.js';

const proposal: Proposal = {
  id: 'd-0042',
  at: '2026-12-02T09:00:00.000Z',
  policy: { name: 'support-refunds', version: 4, hash: 'sha256:00' },
  facts: { amount: 180, orderId: '<!channel> <https://evil.example|click>' },
  factsHash: 'sha256:01',
  route: 'approve_before',
  rules: ['refund-needs-approval'],
  sampled: false,
  reviewer: 'support-lead',
  deadline: '2026-12-02T13:00:00.000Z',
  approvalsRequired: 1,
  approvals: [],
  escalations: [],
  status: 'pending',
  packet: {
    summary: 'refund of 180 USD on order <!channel>',
    action: { amount: 180, orderId: '<!channel> <https://evil.example|click>' },
    why: ['refund-needs-approval (approve_before): amount 180 > autoRefundMax 50'],
    context: { orderId: '<!channel> <https://evil.example|click>' },
    impact: { amount: 180 },
    choices: ['approve', 'reject', 'edit', 'escalate'],
  },
};

describe('slackEventMessage', () => {
  it('says what happened and for whom above the packet, and posts as a Slack incoming webhook body', async () => {
    const bodies: SlackMessage[] = [];
    const notifier = createWebhookNotifier({
      url: 'https://hooks.slack.test/services/T0/B0/x',
      secret: 'shh',
      body: slackEventMessage,
      fetch: (_url, init) => {
        bodies.push(JSON.parse(init.body as string) as SlackMessage);
        return Promise.resolve(new Response(null, { status: 200 }));
      },
    });
    const event: GateEvent = { type: 'escalated', at: '2026-12-02T10:00:00.000Z', proposal };
    await notifier.notify(event);
    expect(bodies).toHaveLength(1);
    expect(bodies[0]!.blocks[0]).toEqual({ type: 'context', elements: [{ type: 'plain_text', text: 'Escalated to you for support-lead' }] });
    expect(bodies[0]!.text.startsWith('Escalated to you for support-lead: ')).toBe(true);
    // The agent's values cannot ping or link: nothing unescaped reaches Slack's mrkdwn.
    expect(JSON.stringify(bodies[0])).not.toContain('<!channel>');
    expect(JSON.stringify(bodies[0])).not.toContain('<https://evil');
  });

  it('names the outcome of a settlement', () => {
    expect(slackEventMessage({ type: 'settled', at: '2026-12-02T10:00:00.000Z', proposal: { ...proposal, status: 'approved' } }).text).toMatch(/^Settled: approved: /);
  });
});

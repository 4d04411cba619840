import type { ReviewPacket } from '@oversight/core';
import { describe, expect, it } from 'vitest';
import type { PacketSource } from './packet-source.js';
import { packetView, reviewFacts } from './packet-view.js';

const packet: ReviewPacket = {
  summary: 'refund of 180 USD',
  action: { amount: 180, note: 'x'.repeat(2000), meta: { a: [1, 2] } },
  why: ['refund-needs-approval (approve_before): amount 180 > autoRefundMax 50'],
  context: { orderId: 'ORD-1234567' },
  impact: { irreversible: true },
  choices: ['approve', 'reject', 'edit', 'escalate'],
};
const source: PacketSource = { id: 'p-1', route: 'approve_before', policy: { name: 'support-refunds', version: 4 }, reviewer: 'support-lead', packet };

describe('packetView', () => {
  it('lays out the packet in reading order, values shown as JSON-ish text and cut to length', () => {
    const view = packetView(source);
    expect(view).toMatchObject({
      heading: 'refund of 180 USD',
      route: 'approve_before',
      routeText: 'Needs approval before it runs',
      policy: 'support-refunds@4',
      why: packet.why,
      context: [{ name: 'orderId', value: 'ORD-1234567' }],
      impact: [{ name: 'irreversible', value: 'true' }],
      reviewer: 'support-lead',
      choices: ['approve', 'reject', 'edit', 'escalate'],
      id: 'p-1',
      answerId: 'p-1',
    });
    expect(view.action.map((fact) => fact.value)).toEqual(['180', `${'x'.repeat(499)}…`, '{"a":[1,2]}']);
  });

  it('shows the deadline as given, with the SLA when there is one', () => {
    expect(packetView({ ...source, deadline: '2026-12-02T14:00:00.000Z', sla: '4h' }).deadline).toBe('2026-12-02T14:00:00.000Z (SLA 4h)');
    expect(packetView({ ...source, deadline: '2026-12-02T14:00:00.000Z' }).deadline).toBe('2026-12-02T14:00:00.000Z');
    expect(packetView({ ...source, sla: '1d' }).deadline).toBe('SLA 1d');
    expect(packetView(source).deadline).toBeUndefined();
  });

  it('counts approvals only when more than one is needed, naming who gave them', () => {
    const approvals = [{ reviewer: { id: 'ana@example.com', role: 'support-manager' } }];
    expect(packetView({ ...source, approvalsRequired: 2, approvals }).approvals).toBe('1 of 2 given (ana@example.com as support-manager)');
    expect(packetView({ ...source, approvalsRequired: 3 }).approvals).toBe('0 of 3 given');
    expect(packetView({ ...source, approvalsRequired: 1, approvals }).approvals).toBeUndefined();
  });

  it('keeps only the answers the gate accepts, each once, in the packet order', () => {
    const choices = ['escalate', 'approve', 'approve', 'delete-everything'] as unknown as ReviewPacket['choices'];
    expect(packetView({ ...source, packet: { ...packet, choices } }).choices).toEqual(['escalate', 'approve']);
  });

  it('still says what it can when the decision carries no packet', () => {
    const view = packetView({ route: 'deny', policy: { name: 'support-refunds', version: 4 } });
    expect(view).toMatchObject({ heading: 'Proposed action', routeText: 'Denied: it does not run', why: [], action: [], choices: [] });
    expect(reviewFacts(view)).toEqual([]);
  });

  it('labels the review facts it has', () => {
    const view = packetView({ ...source, deadline: '2026-12-02T14:00:00.000Z', approvalsRequired: 2 });
    expect(reviewFacts(view)).toEqual([
      { name: 'Reviewer', value: 'support-lead' },
      { name: 'Answer by', value: '2026-12-02T14:00:00.000Z' },
      { name: 'Approvals', value: '0 of 2 given' },
    ]);
  });

  it('makes the control characters of every string visible, but keeps the id exactly for answering', () => {
    const view = packetView({ ...source, id: 'p\u001b1', packet: { ...packet, summary: 'a\nb', action: { 'x\u202e': '\u001b[2J' } } });
    expect(view.heading).toBe('a\\nb');
    expect(view.action).toEqual([{ name: 'x\\u202e', value: '\\u001b[2J' }]);
    expect(view.id).toBe('p\\u001b1');
    expect(view.answerId).toBe('p\u001b1');
  });
});

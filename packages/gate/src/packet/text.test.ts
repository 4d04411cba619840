import { describe, expect, it } from 'vitest';
import { packetView } from './packet-view.js';
import { renderText } from './text.js';

const view = packetView({
  id: 'p-1',
  route: 'escalate',
  policy: { name: 'support-refunds', version: 4 },
  reviewer: 'fraud-analyst',
  deadline: '2026-12-03T10:00:00.000Z',
  sla: '1d',
  packet: {
    summary: 'refund of 90 USD',
    action: { amount: 90 },
    why: ['repeat-claimant (escalate): recentClaims 5 > maxRecentClaims 2'],
    context: { recentClaims: 5 },
    impact: {},
    choices: ['approve', 'reject'],
  },
});

describe('renderText', () => {
  it('leads with the summary and the route in words, then the sections a reviewer reads', () => {
    expect(renderText(view)).toBe(
      [
        'refund of 90 USD',
        'Escalated: a higher authority decides (policy support-refunds@4)',
        '',
        'Why',
        '  - repeat-claimant (escalate): recentClaims 5 > maxRecentClaims 2',
        '',
        'Proposed action',
        '  amount: 90',
        '',
        'Context',
        '  recentClaims: 5',
        '',
        'Review',
        '  Reviewer: fraud-analyst',
        '  Answer by: 2026-12-03T10:00:00.000Z (SLA 1d)',
        '',
        'Choices: approve, reject',
        'Proposal: p-1',
        '',
      ].join('\n'),
    );
  });

  it('leaves out the sections it has nothing for', () => {
    const text = renderText(packetView({ route: 'deny', policy: { name: 'p', version: 1 } }));
    expect(text).toBe('Proposed action\nDenied: it does not run (policy p@1)\n');
  });
});

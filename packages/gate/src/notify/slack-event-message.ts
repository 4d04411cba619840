import { renderPacket } from '../packet/index.js';
import type { SlackMessage } from '../packet/index.js';
import type { GateEvent } from '../types.js';

const HEADLINES: Record<GateEvent['type'], string> = {
  proposed: 'New decision waiting',
  'due-soon': 'Due soon',
  escalated: 'Escalated to you',
  settled: 'Settled',
};

/**
 * A gate event as a Slack message: what happened, then the packet a reviewer
 * acts on (rendered and escaped by renderPacket). Pass it as a webhook
 * notifier's `body` with a Slack incoming-webhook URL.
 */
export function slackEventMessage(event: GateEvent): SlackMessage {
  const packet = renderPacket(event.proposal, 'slack');
  const role = event.proposal.reviewer === undefined ? '' : ` for ${event.proposal.reviewer}`;
  const headline = `${HEADLINES[event.type]}${event.type === 'settled' ? `: ${event.proposal.status}` : role}`;
  return {
    text: `${headline}: ${packet.text}`,
    blocks: [{ type: 'context', elements: [{ type: 'plain_text', text: headline }] }, ...packet.blocks],
  };
}

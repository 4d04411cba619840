import type { AnswerDecision } from '../types.js';
import { reviewFacts, type Fact, type PacketView } from './packet-view.js';
import { escapeSlackMrkdwn, slackPlainText } from './slack-escape.js';
import type { SlackBlock, SlackButton, SlackMessage, SlackPlainText } from './slack-message.js';

// Slack refuses a whole message when one text is over its limit.
const HEADER_MAX = 150;
const SECTION_MAX = 3000;
const BUTTON_TEXT_MAX = 75;
const BUTTON_VALUE_MAX = 2000;

const BUTTON_LABELS: Record<AnswerDecision, string> = { approve: 'Approve', reject: 'Reject', edit: 'Edit', escalate: 'Escalate' };
const BUTTON_STYLES: Partial<Record<AnswerDecision, 'primary' | 'danger'>> = { approve: 'primary', reject: 'danger' };

// emoji: false, so a value's `:shortcode:` shows as typed rather than as a picture.
const plain = (text: string, max = SECTION_MAX): SlackPlainText => ({ type: 'plain_text', text: slackPlainText(text, max), emoji: false });

/**
 * A packet as a Block Kit message. Every value from the agent sits in a
 * plain_text object, where Slack formats nothing and resolves no mention or
 * link; mrkdwn carries only our own labels, and the fallback text (which is
 * mrkdwn) is escaped. Each choice is a button `oversight_<choice>` whose
 * value is the proposal's id, for the interaction handler to answer.
 */
export function renderSlack(view: PacketView): SlackMessage {
  const blocks: SlackBlock[] = [
    { type: 'header', text: plain(view.heading, HEADER_MAX) },
    { type: 'context', elements: [plain(`${view.routeText} · policy ${view.policy}`)] },
  ];
  const section = (title: string, lines: string[]) => {
    if (lines.length === 0) return;
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: `*${title}*`, verbatim: true } }, { type: 'section', text: plain(lines.join('\n')) });
  };
  section('Why', view.why.map((line) => `• ${line}`));
  section('Proposed action', factLines(view.action));
  section('Context', factLines(view.context));
  section('Impact', factLines(view.impact));
  section('Review', factLines(reviewFacts(view)));
  if (view.choices.length > 0) {
    blocks.push({ type: 'actions', block_id: 'oversight_choices', elements: view.choices.map((choice) => button(choice, view.answerId)) });
  }
  if (view.id !== undefined) blocks.push({ type: 'context', elements: [plain(`Proposal ${view.id}`)] });
  return { text: escapeSlackMrkdwn(`${view.routeText}: ${view.heading} (policy ${view.policy})`), blocks };
}

const factLines = (facts: Fact[]): string[] => facts.map((fact) => `${fact.name}: ${fact.value}`);

function button(choice: AnswerDecision, id: string | undefined): SlackButton {
  const style = BUTTON_STYLES[choice];
  return {
    type: 'button',
    action_id: `oversight_${choice}`,
    text: plain(BUTTON_LABELS[choice], BUTTON_TEXT_MAX),
    // The id is the gate's, not the agent's, and Slack hands it back as sent.
    ...(id !== undefined && { value: id.slice(0, BUTTON_VALUE_MAX) }),
    ...(style !== undefined && { style }),
  };
}

// The part of Slack's Block Kit a packet uses, typed so a caller can post it
// (chat.postMessage, an incoming webhook, response_url) without casts.

/** Shown exactly as given: Slack parses no formatting, mention or link in it. */
export interface SlackPlainText {
  type: 'plain_text';
  text: string;
  emoji?: boolean;
}

/** Only ever our own labels here: no value from the agent is put in mrkdwn. */
export interface SlackMrkdwn {
  type: 'mrkdwn';
  text: string;
  verbatim?: boolean;
}

export type SlackText = SlackPlainText | SlackMrkdwn;

export interface SlackButton {
  type: 'button';
  action_id: string;
  text: SlackPlainText;
  value?: string;
  style?: 'primary' | 'danger';
}

export type SlackBlock =
  | { type: 'header'; text: SlackPlainText }
  | { type: 'section'; text: SlackText }
  | { type: 'context'; elements: SlackText[] }
  | { type: 'divider' }
  | { type: 'actions'; block_id?: string; elements: SlackButton[] };

export interface SlackMessage {
  /** The fallback for notifications and screen readers; Slack reads it as mrkdwn, so it is escaped as such. */
  text: string;
  blocks: SlackBlock[];
}

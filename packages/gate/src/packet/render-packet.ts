import { renderHtml } from './html.js';
import { renderMarkdown } from './markdown.js';
import type { PacketFormat, PacketSource } from './packet-source.js';
import { packetView } from './packet-view.js';
import { renderSlack } from './slack.js';
import type { SlackMessage } from './slack-message.js';
import { renderText } from './text.js';

export interface RenderPacketOptions {
  /**
   * html only: where the choices' form posts `decision` (and the proposal's
   * `id`). Without it the choices are a plain list. Must be http(s) or relative.
   */
  answerUrl?: string;
  /**
   * html only, with answerUrl: the caller's own markup placed inside the
   * choices' form, before the buttons (a CSRF token, a reason field), so it
   * posts with whichever button is pressed. It is inserted as given: the
   * caller escapes what it puts there.
   */
  formFields?: string;
}

/**
 * A decision or proposal as a review packet a person can decide from in
 * seconds: summary, route, why, the proposed action, context, impact, who
 * answers by when, and the choices. Every string from the agent is escaped for
 * the format, so a value cannot format, link, mention, run or rewrite anything.
 */
export function renderPacket(source: PacketSource, format: 'slack', options?: RenderPacketOptions): SlackMessage;
export function renderPacket(source: PacketSource, format: 'text' | 'markdown' | 'html', options?: RenderPacketOptions): string;
export function renderPacket(source: PacketSource, format: PacketFormat, options?: RenderPacketOptions): string | SlackMessage;
export function renderPacket(source: PacketSource, format: PacketFormat, options: RenderPacketOptions = {}): string | SlackMessage {
  const view = packetView(source);
  switch (format) {
    case 'text':
      return renderText(view);
    case 'markdown':
      return renderMarkdown(view);
    case 'slack':
      return renderSlack(view);
    case 'html':
      return renderHtml(view, options.answerUrl, options.formFields);
    default:
      // Reached only from untyped callers (a format read from configuration).
      throw new RangeError(`Unknown packet format ${JSON.stringify(format satisfies never)}: expected one of text, markdown, slack, html`);
  }
}

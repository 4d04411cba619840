import { clip } from './clip.js';

// Slack parses `<…>` as a link or a mention (`<!channel>`, `<@U123>`,
// `<https://evil|click>`) and `&…;` as an entity, and asks for exactly these
// three to be written as entities; it decodes no others.
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
const escapeEntities = (text: string): string => text.replace(/[&<>]/g, (char) => ENTITIES[char] ?? char);

// mrkdwn has no escape for its markers. A zero-width space on both sides of one
// leaves it unable to open or close: if Slack counts the space as a word
// boundary, a marker followed (or preceded) by one cannot open (or close); if
// not, the marker is not at a word boundary at all.
const ZERO_WIDTH_SPACE = '\u200b';
const MARKERS = /[*_~`]/g;

/**
 * Text for a mrkdwn field that reads as the same text: no mention, link,
 * channel or entity, and no bold, italic, strike or code. Used only for the
 * message's fallback `text`, which has no plain_text form.
 */
export function escapeSlackMrkdwn(text: string): string {
  return escapeEntities(text).replace(MARKERS, `${ZERO_WIDTH_SPACE}$&${ZERO_WIDTH_SPACE}`);
}

/**
 * Text for a plain_text object, cut to Slack's limit for where it goes (it
 * refuses the whole message when one is over). Slack formats nothing in
 * plain_text, but it decodes the three entities there too, so they are escaped
 * and a cut never splits one.
 */
export function slackPlainText(text: string, max: number): string {
  const escaped = escapeEntities(text);
  if (escaped.length <= max) return escaped;
  const cut = clip(escaped, max).slice(0, -1);
  const amp = cut.lastIndexOf('&');
  const whole = amp === -1 || cut.indexOf(';', amp) !== -1 ? cut : cut.slice(0, amp);
  return `${whole}…`;
}

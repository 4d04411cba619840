import { escapeControls } from '../escape-controls.js';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
// What can open HTML, an entity, a link or image, a code span or emphasis, or
// end a table cell; a backslash too, so an escape in input reads as typed.
// Underscores come as runs: a run between two letters or digits cannot open
// or close emphasis (`review_after`), so only the others need escaping.
const ACTIVE = /[\\`*~[\]|<>&]|_+/g;
const WORD = /[\p{L}\p{N}]/u;
const LINE_BREAK = /\r\n?|\n/g;
// Shown as typed inside a code span: no backtick to close it, no pipe to end a
// table cell, no backslash (a code span cannot escape one before a pipe), and
// none of the characters that read as HTML to someone scanning the raw text.
const PLAIN_CODE = /^[^`\\|<>&\r\n]+$/;

function escapeActive(match: string, at: number, text: string): string {
  if (match[0] !== '_') return ENTITIES[match] ?? `\\${match}`;
  const inWord = WORD.test(text[at - 1] ?? '') && WORD.test(text[at + match.length] ?? '');
  return inWord ? match : match.replace(/_/g, '\\_');
}

/**
 * Text from input (a reason, a decision id, a reviewer's name) as inline
 * GitHub-flavoured markdown that renders as the same text and nothing more:
 * no HTML, no image or link, no code span or emphasis, no new table cell and
 * no new line (a line break reads as a space); control characters and bidi
 * marks shown as visible escapes.
 */
export function markdownText(text: string): string {
  return escapeControls(text.replace(LINE_BREAK, ' ').replace(ACTIVE, escapeActive));
}

/**
 * Text from input (a rule id, a file, a policy label) set as code: a code
 * span when it reads there as typed, else `<code>` around escaped text, which
 * renders the same in a table cell or outside one.
 */
export function markdownCode(text: string): string {
  return PLAIN_CODE.test(text) && escapeControls(text) === text ? `\`${text}\`` : `<code>${markdownText(text)}</code>`;
}

/** A region of inputs (analysis phrases, one a constrained fact) as markdown text: "every input" when it constrains none. */
export function markdownRegion(where: readonly string[]): string {
  return where.length === 0 ? 'every input' : where.map(markdownText).join(', ');
}

// C0 controls (ESC starts a terminal command), DEL, C1 controls (U+009B is a
// one-character CSI), and the invisible marks that reorder or break the text
// around them: ALM, LRM and RLM, the line and paragraph separators, and the
// bidi embeddings, overrides and isolates ("Trojan Source"). One definition for
// every package that shows input to a person: the command's output, packets.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const SHORT: Record<string, string> = { '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/**
 * Text from input as a person may safely see it on a terminal, in a pull
 * request or in a review packet: every control character shown as a visible
 * escape (`\u001b`, `\n`), so a fact value or a reason can neither send the
 * terminal commands, nor forge a line of output, nor reorder what a reviewer reads.
 */
export function escapeControls(text: string): string {
  return text.replace(CONTROLS, visible);
}

/** A control character as its escape: `\n`, `\u001b`. */
export function visibleControl(char: string): string {
  return SHORT[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

const visible = visibleControl;

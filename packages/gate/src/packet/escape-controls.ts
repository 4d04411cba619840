// C0 controls (ESC starts a terminal command), DEL, C1 controls (U+009B is a
// one-character CSI), and the invisible marks that reorder or break the text
// around them: ALM, LRM and RLM, the line and paragraph separators, and the
// bidi embeddings, overrides and isolates ("Trojan Source"). The same set as
// @oversight/cli's escapeControls, which this package may not import.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const SHORT: Record<string, string> = { '\t': '\\t', '\n': '\\n', '\r': '\\r' };

const visible = (char: string): string => SHORT[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;

/**
 * Text with every control character shown as a visible escape (`\u001b`, `\n`),
 * so a value from the agent can neither send the terminal commands, nor start a
 * new line or block that passes for the packet's own, nor reorder what a
 * reviewer reads. Every format applies this before its own escaping.
 */
export function escapeControls(text: string): string {
  return text.replace(CONTROLS, visible);
}

// escapeControls is core's, one definition for every package that shows input to a person.
import { escapeControls, visibleControl as visible } from '@oversight/core/internal';

export { escapeControls };

// The same, but for HTML, where a tab or a line break is white space (and
// breaks the lines of an SVG tooltip): no terminal reads it as a command.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROLS_BUT_LINES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** escapeControls for HTML text: tabs and line breaks stay, as HTML renders them harmlessly. */
export function escapeControlsInHtml(text: string): string {
  return text.replace(CONTROLS_BUT_LINES, visible);
}

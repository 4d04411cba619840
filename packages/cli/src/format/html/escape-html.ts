import { escapeControlsInHtml } from '../escape-controls.js';

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Text as HTML that reads back as the same text, safe both between tags and
 * inside a quoted attribute (so a policy label or a reviewer's reason can never
 * open a tag, close an attribute or start a script). Control and bidi
 * characters show as visible escapes, so a reason cannot reorder what a
 * reviewer reads around it.
 */
export function escapeHtml(text: string): string {
  return escapeControlsInHtml(text).replace(/[&<>"']/g, (char) => ENTITIES[char] ?? char);
}

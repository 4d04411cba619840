/**
 * Text as XML attribute or element content: the five special characters
 * escaped, and the control characters XML 1.0 cannot carry even escaped
 * (all but tab and newlines) removed.
 */
export const escapeXml = (text: string) =>
  // eslint-disable-next-line no-control-regex -- removing them is the point
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '');

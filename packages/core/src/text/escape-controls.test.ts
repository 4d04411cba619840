import { describe, expect, it } from 'vitest';
import { escapeControls } from './escape-controls.js';

describe('escapeControls', () => {
  it('shows terminal commands as visible escapes: ESC, BEL, DEL and the one-character CSI of C1', () => {
    expect(escapeControls('\u001b[2J\u001b]0;pwned\u0007\u007f\u009b31m')).toBe('\\u001b[2J\\u001b]0;pwned\\u0007\\u007f\\u009b31m');
  });

  it('shows line breaks and tabs as \\n, \\r and \\t, so no value starts a line of its own', () => {
    expect(escapeControls('a\n# heading\r\tb')).toBe('a\\n# heading\\r\\tb');
  });

  it('shows the bidi embeddings, overrides and isolates, and the invisible marks and separators', () => {
    const invisible = '\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c\u2028\u2029';
    expect(escapeControls(invisible)).toBe('\\u202a\\u202b\\u202c\\u202d\\u202e\\u2066\\u2067\\u2068\\u2069\\u200e\\u200f\\u061c\\u2028\\u2029');
  });

  it('leaves printable text as it is, non-ASCII included', () => {
    expect(escapeControls('Refund 89.97 € — support-lead (ok) 日本')).toBe('Refund 89.97 € — support-lead (ok) 日本');
  });
});

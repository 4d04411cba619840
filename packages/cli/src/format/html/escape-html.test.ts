import { describe, expect, it } from 'vitest';
import { escapeHtml } from './escape-html.js';
import { html, trustedHtml } from './html.js';

describe('escapeHtml', () => {
  it('escapes the five characters that can open a tag, an entity or end an attribute', () => {
    expect(escapeHtml(`<a href="x" title='y'>Tom & Jerry</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;Tom &amp; Jerry&lt;/a&gt;');
  });

  it('leaves ordinary text, including non-ASCII, as it is', () => {
    expect(escapeHtml('Refund 89.97 € — support-lead (ok)')).toBe('Refund 89.97 € — support-lead (ok)');
  });

  it('shows control and bidi characters as visible escapes, so a reason cannot reorder the page around it', () => {
    expect(escapeHtml('refund \u202eevil\u202c ok\u0007')).toBe('refund \\u202eevil\\u202c ok\\u0007');
  });

  it('escapes an existing entity again, so text shows as typed', () => {
    expect(escapeHtml('&lt;')).toBe('&amp;lt;');
  });
});

describe('html', () => {
  it('escapes every interpolated string, in text and in attributes', () => {
    const reason = '"><script>alert(1)</script>';
    expect(html`<td title="${reason}">${reason}</td>`.text).toBe(
      '<td title="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;">&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;</td>',
    );
  });

  it('keeps markup built by html, and joins lists without separators', () => {
    const items = ['a<b', 'c'].map((item) => html`<li>${item}</li>`);
    expect(html`<ul>${items}</ul>`.text).toBe('<ul><li>a&lt;b</li><li>c</li></ul>');
  });

  it('writes numbers as they are and trusts only what is explicitly trusted', () => {
    expect(html`${42}${trustedHtml('<b>x</b>')}${'<b>'}`.text).toBe('42<b>x</b>&lt;b&gt;');
  });
});

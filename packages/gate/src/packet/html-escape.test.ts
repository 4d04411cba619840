import { describe, expect, it } from 'vitest';
import { escapeHtml, html } from './html-escape.js';

describe('escapeHtml', () => {
  it('escapes the five characters that could open a tag, end an attribute or start an entity', () => {
    expect(escapeHtml(`<img src=x onerror="a('1')"> &amp;`)).toBe('&lt;img src=x onerror=&quot;a(&#39;1&#39;)&quot;&gt; &amp;amp;');
  });
});

describe('html', () => {
  it('escapes every interpolated string, keeps nested html, and joins lists', () => {
    const inner = html`<b>${'<i>'}</b>`;
    expect(html`<p title="${'"x"'}">${inner}${['<a>', html`<br>`]}</p>`.text).toBe('<p title="&quot;x&quot;"><b>&lt;i&gt;</b>&lt;a&gt;<br></p>');
  });
});

import { describe, expect, it } from 'vitest';
import { markdownCode, markdownText } from './markdown-text.js';

describe('markdownText', () => {
  it('writes <, > and & as entities, so no tag opens and an entity in input reads as typed', () => {
    expect(markdownText('<img src="https://example.invalid/x.png"> &lt; Tom & Jerry')).toBe('&lt;img src="https://example.invalid/x.png"&gt; &amp;lt; Tom &amp; Jerry');
  });

  it('escapes what opens a link, an image, a code span or emphasis, and a pipe that would end a table cell', () => {
    expect(markdownText('![x](https://example.invalid/y.png) `code` *a* _b_ ~~c~~ | col |')).toBe(
      '!\\[x\\](https://example.invalid/y.png) \\`code\\` \\*a\\* \\_b\\_ \\~\\~c\\~\\~ \\| col \\|',
    );
  });

  it('escapes a backslash first, so an escape in input reads back as typed and cannot unescape a pipe', () => {
    expect(markdownText('a\\|b \\<')).toBe('a\\\\\\|b \\\\&lt;');
  });

  it('reads a line break as a space, so input never starts a new line, row or list item', () => {
    expect(markdownText('one\ntwo\r\nthree\rfour')).toBe('one two three four');
  });

  it('shows control characters and bidi overrides as visible escapes', () => {
    expect(markdownText('\u001b[2J\u202eevil')).toBe('\\u001b\\[2J\\u202eevil');
  });

  it('leaves ordinary text as it is, underscores inside a word included, which cannot open emphasis', () => {
    expect(markdownText('d-0002287 support-lead: customer’s second claim, 89.97 €, review_after, a__b')).toBe('d-0002287 support-lead: customer’s second claim, 89.97 €, review_after, a__b');
  });

  it('escapes underscores at the edge of a word, which can', () => {
    expect(markdownText('_a_ __b__ c_ _d')).toBe('\\_a\\_ \\_\\_b\\_\\_ c\\_ \\_d');
  });
});

describe('markdownCode', () => {
  it('sets an ordinary id or path in a code span', () => {
    expect(markdownCode('policies/support-refunds.yaml')).toBe('`policies/support-refunds.yaml`');
  });

  it.each([
    ['a backtick', 'a`b', '<code>a\\`b</code>'],
    ['a pipe', 'a|b', '<code>a\\|b</code>'],
    ['a backslash', 'C:\\policies', '<code>C:\\\\policies</code>'],
    ['HTML', '<img src=x>', '<code>&lt;img src=x&gt;</code>'],
    ['a line break', 'a\nb', '<code>a b</code>'],
    ['a control character', '\u001b[2J', '<code>\\u001b\\[2J</code>'],
    ['nothing at all', '', '<code></code>'],
  ])('falls back to <code> around escaped text for %s', (_, input, expected) => {
    expect(markdownCode(input)).toBe(expected);
  });
});

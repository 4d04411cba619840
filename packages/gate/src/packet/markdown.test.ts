import { describe, expect, it } from 'vitest';
import { escapeMarkdown, renderMarkdown } from './markdown.js';
import { packetView } from './packet-view.js';

/** The text a CommonMark renderer shows for escaped text. */
const unescape = (markdown: string) => markdown.replace(/\\([!-/:-@[-`{-~])/g, '$1');

describe('escapeMarkdown', () => {
  it('backslash-escapes every ASCII punctuation character, so none is markup', () => {
    expect(escapeMarkdown('[click](https://evil.example) *b* _i_ `c` <b> &amp; | # ~s~ $x$')).toBe(
      '\\[click\\]\\(https\\:\\/\\/evil\\.example\\) \\*b\\* \\_i\\_ \\`c\\` \\<b\\> \\&amp\\; \\| \\# \\~s\\~ \\$x\\$',
    );
  });

  it('reads back as the same text', () => {
    const text = 'refund of 180 USD on order ORD-1234567 (damaged) \\ 日本';
    expect(unescape(escapeMarkdown(text))).toBe(text);
  });

  it('leaves letters, digits, spaces and non-ASCII alone', () => {
    expect(escapeMarkdown('Refund 180 € — ok 日本')).toBe('Refund 180 € — ok 日本');
  });
});

describe('renderMarkdown', () => {
  it('shows the summary as a heading, the route and policy, then each section as a list', () => {
    const markdown = renderMarkdown(
      packetView({
        id: 'p-1',
        route: 'review_after',
        policy: { name: 'payments', version: 2 },
        reviewer: 'finance',
        packet: { summary: 'pay 40 EUR', action: { amount: 40 }, why: ['small-payment (review_after)'], context: {}, impact: { irreversible: false }, choices: ['approve', 'reject'] },
      }),
    );
    expect(markdown).toBe(
      [
        '### pay 40 EUR',
        '',
        '**Ran already\\: review after** · policy payments\\@2',
        '',
        '**Why**',
        '',
        '- small\\-payment \\(review\\_after\\)',
        '',
        '**Proposed action**',
        '',
        '- **amount**: 40',
        '',
        '**Impact**',
        '',
        '- **irreversible**: false',
        '',
        '**Review**',
        '',
        '- **Reviewer**: finance',
        '',
        '**Choices:** approve · reject',
        '',
        'Proposal p\\-1',
        '',
      ].join('\n'),
    );
  });
});

import { describe, expect, it } from 'vitest';
import { escapeSlackMrkdwn, slackPlainText } from './slack-escape.js';

const ZWSP = '\u200b';

describe('escapeSlackMrkdwn', () => {
  it('writes & < > as entities, so no mention, channel ping or disguised link survives', () => {
    expect(escapeSlackMrkdwn('<!channel> <@U123> <https://evil.example|click here> a&b')).toBe(
      '&lt;!channel&gt; &lt;@U123&gt; &lt;https://evil.example|click here&gt; a&amp;b',
    );
  });

  it('fences each formatting marker with zero-width spaces, so it can neither open nor close', () => {
    expect(escapeSlackMrkdwn('*bold* _i_ ~s~ `c`')).toBe(
      `${ZWSP}*${ZWSP}bold${ZWSP}*${ZWSP} ${ZWSP}_${ZWSP}i${ZWSP}_${ZWSP} ${ZWSP}~${ZWSP}s${ZWSP}~${ZWSP} ${ZWSP}\`${ZWSP}c${ZWSP}\`${ZWSP}`,
    );
  });
});

describe('slackPlainText', () => {
  it('writes & < > as entities, which Slack decodes for display', () => {
    expect(slackPlainText('<!channel> & co', 100)).toBe('&lt;!channel&gt; &amp; co');
  });

  it('cuts to the limit without splitting an entity', () => {
    const cut = slackPlainText('abcd<efgh', 8);
    expect(cut).toBe('abcd…');
    expect(slackPlainText('x'.repeat(200), 150)).toHaveLength(150);
    for (let max = 2; max < 30; max += 1) {
      const text = slackPlainText('<a&b>'.repeat(10), max);
      expect(text.length).toBeLessThanOrEqual(max);
      expect(text.replace(/&(amp|lt|gt);/g, '')).not.toMatch(/[&<>]/);
    }
  });
});

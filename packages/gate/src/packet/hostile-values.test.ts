// Every string a packet shows may come from the agent. Each format is given
// values built to format, link, mention, inject markup or rewrite a terminal,
// in every field at once, and must show them as inert text.
import { describe, expect, it } from 'vitest';
import type { PacketSource } from './packet-source.js';
import { renderPacket } from './render-packet.js';
import type { SlackMessage, SlackText } from './slack-message.js';

const HOSTILE = {
  script: '<script>alert(1)</script>',
  image: '<img src=x onerror=alert(1)>',
  attribute: '" onmouseover="alert(1)',
  linkTail: '](javascript:alert(1))',
  link: '[click](https://evil.example)',
  markdownImage: '![x](https://evil.example/x.png)',
  autolink: '<https://evil.example> https://evil.example www.evil.example',
  channel: '<!channel>',
  slackLink: '<https://evil.example|click here>',
  mention: '<@U123>',
  formatting: '*bold* _italic_ ~strike~ `code` **strong**',
  heading: 'line\n# heading',
  quote: 'ok\n> quoted\n- [ ] item',
  table: '| a | b |\n|---|---|',
  entity: '&lt;b&gt; &amp; &#60;',
  ansi: '\u001b[2J\u001b]0;pwned\u0007',
  bidi: '\u202eevil\u2066',
  math: '$\\color{red}APPROVED$',
};
const EVERY = Object.values(HOSTILE).join(' ');

/** A packet with `evil` in every string an agent could reach, and in the strings a log could carry. */
function hostileSource(evil: string): PacketSource {
  return {
    id: 'p-1',
    route: 'approve_before',
    policy: { name: `refunds${evil}`, version: 4 },
    reviewer: `lead${evil}`,
    deadline: `2026-12-02T14:00:00.000Z${evil}`,
    sla: `4h${evil}`,
    approvalsRequired: 2,
    approvals: [{ reviewer: { id: `ana${evil}`, role: `lead${evil}` } }],
    packet: {
      summary: `Refund${evil}`,
      action: { [`amount${evil}`]: `180${evil}`, nested: { note: evil }, list: [evil] },
      why: [`because${evil}`, evil],
      context: { [`order${evil}`]: evil },
      impact: { [`impact${evil}`]: evil },
      choices: ['approve', 'reject'],
    },
  };
}

// Raw control characters (a line break aside, which is the formats' own) and the bidi marks.
// eslint-disable-next-line no-control-regex -- finding them is the point
const RAW_CONTROLS = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

const cases = [...Object.entries(HOSTILE), ['everything at once', EVERY]] as const;

describe('text: a value cannot rewrite the terminal or add a line', () => {
  it.each(cases)('%s', (_, evil) => {
    const text = renderPacket(hostileSource(evil), 'text');
    expect(text).not.toMatch(RAW_CONTROLS);
    // The same lines as a packet of plain values: no value started one of its own.
    expect(text.split('\n')).toHaveLength(renderPacket(hostileSource(''), 'text').split('\n').length);
    if (evil.includes('\u001b')) expect(text).toContain('\\u001b[2J');
    if (evil.includes('\u202e')) expect(text).toContain('\\u202eevil\\u2066');
  });
});

describe('markdown: a value cannot create a link, image, emphasis, heading, code span, table or HTML', () => {
  // What is left when every backslash escape is taken out: our own markup only.
  const unescaped = (markdown: string) => markdown.replace(/\\[!-/:-@[-`{-~]/g, '');
  const OUR_MARKUP = /^(### |\*\*[A-Za-z ]+:?\*\*|- \*\*[^*]*\*\*: |- |Proposal )/;

  it.each(cases)('%s', (_, evil) => {
    const markdown = renderPacket(hostileSource(evil), 'markdown');
    expect(markdown).not.toMatch(RAW_CONTROLS);
    expect(markdown.split('\n')).toHaveLength(renderPacket(hostileSource(''), 'markdown').split('\n').length);
    for (const line of markdown.split('\n').filter((line) => line !== '')) {
      // Every line starts with our own markup, and, past it, no markup character is left unescaped.
      expect(line, line).toMatch(OUR_MARKUP);
      const rest = unescaped(line).replace(OUR_MARKUP, '').replace(/\*\*[A-Za-z ]+:?\*\*/g, '');
      expect(rest, line).not.toMatch(/[[\]()<>`*_~|&!#$]/);
      expect(rest, line).not.toMatch(/https?:\/\/|www\./);
    }
  });
});

describe('html: a value cannot open a tag, add an attribute or run script', () => {
  const OUR_TAGS = new Set(['article', 'header', 'h2', 'h3', 'p', 'strong', 'section', 'ul', 'li', 'dl', 'dt', 'dd', 'form', 'input', 'button', 'footer']);
  const OUR_ATTRIBUTES = new Set(['class', 'data-route', 'method', 'action', 'type', 'name', 'value']);

  it.each(cases)('%s', (_, evil) => {
    const fragment = renderPacket(hostileSource(evil), 'html', { answerUrl: '/answer' });
    expect(fragment).not.toMatch(RAW_CONTROLS);
    expect(fragment).not.toMatch(/<script|<img|<a\s/i);
    for (const [, name = '', attributes = ''] of fragment.matchAll(/<\/?([a-z0-9]+)([^>]*)>/gi)) {
      expect(OUR_TAGS.has(name), name).toBe(true);
      // Quoted values are escaped, so they cannot end early: with them removed, only attribute names are left.
      const names = attributes.replace(/="[^"]*"/g, '').trim().split(/\s+/).filter(Boolean);
      for (const attribute of names) expect(OUR_ATTRIBUTES.has(attribute), attribute).toBe(true);
    }
    // Text between tags holds no raw markup character: each is an entity.
    for (const [text = ''] of fragment.matchAll(/>[^<]*</g)) expect(text.slice(1, -1)).not.toMatch(/[<>"']/);
  });
});

describe('slack: a value cannot ping, mention, link or format', () => {
  const OUR_MRKDWN = new Set(['*Why*', '*Proposed action*', '*Context*', '*Impact*', '*Review*']);
  const texts = (message: SlackMessage): SlackText[] =>
    message.blocks.flatMap((block) => {
      if (block.type === 'header' || block.type === 'section') return [block.text];
      if (block.type === 'context') return block.elements;
      if (block.type === 'actions') return block.elements.map((button) => button.text);
      return [];
    });

  it.each(cases)('%s', (_, evil) => {
    const message = renderPacket(hostileSource(evil), 'slack');
    expect(JSON.stringify(message)).not.toMatch(RAW_CONTROLS);
    for (const text of texts(message)) {
      // Values only ever in plain_text (where Slack parses nothing), mrkdwn only for our labels.
      if (text.type === 'mrkdwn') expect(OUR_MRKDWN.has(text.text), text.text).toBe(true);
      else expect(text.text).not.toMatch(/[<>]|&(?!amp;|lt;|gt;)/);
    }
    // The fallback text is mrkdwn: no control sequence, and every marker fenced by zero-width spaces.
    expect(message.text).not.toMatch(/[<>]|&(?!amp;|lt;|gt;)/);
    expect(message.text.replace(/\u200b[*_~`]\u200b/g, '')).not.toMatch(/[*_~`]/);
    expect(message.text).not.toMatch(/\n/);
    for (const block of message.blocks) {
      if (block.type === 'actions') for (const button of block.elements) expect(button.action_id).toMatch(/^oversight_(approve|reject|edit|escalate)$/);
    }
  });

  it('still shows the hostile value, as text', () => {
    const message = renderPacket(hostileSource(HOSTILE.channel), 'slack');
    expect(JSON.stringify(message.blocks)).toContain('&lt;!channel&gt;');
  });
});

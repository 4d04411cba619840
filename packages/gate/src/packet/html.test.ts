import { describe, expect, it } from 'vitest';
import { renderHtml } from './html.js';
import type { PacketSource } from './packet-source.js';
import { packetView } from './packet-view.js';

const source: PacketSource = {
  id: 'p-9',
  route: 'approve_before',
  policy: { name: 'support-refunds', version: 4 },
  reviewer: 'support-lead',
  packet: { summary: 'refund of 180 USD', action: { amount: 180 }, why: ['over the limit'], context: {}, impact: {}, choices: ['approve', 'reject'] },
};

describe('renderHtml', () => {
  it('is one article with the summary as its heading and the route in words', () => {
    const fragment = renderHtml(packetView(source));
    expect(fragment.startsWith('<article class="oversight-packet" data-route="approve_before">')).toBe(true);
    expect(fragment.trimEnd().endsWith('</article>')).toBe(true);
    expect(fragment).toContain('<h2>refund of 180 USD</h2>');
    expect(fragment).toContain('<strong>Needs approval before it runs</strong> · policy support-refunds@4');
    expect(fragment).toContain('<dt>amount</dt><dd>180</dd>');
    expect(fragment).not.toMatch(/<script|<style|<link|<img|\son\w+=/i);
  });

  it('lists the choices when there is nowhere to post an answer', () => {
    const fragment = renderHtml(packetView(source));
    expect(fragment).toContain('<ul class="oversight-choices"><li>Approve</li><li>Reject</li></ul>');
    expect(fragment).not.toContain('<form');
  });

  it('makes the choices buttons of a form posting to answerUrl, with the proposal id', () => {
    const fragment = renderHtml(packetView(source), 'https://gate.example/answer?from=mail&x=1');
    expect(fragment).toContain(
      '<form class="oversight-choices" method="post" action="https://gate.example/answer?from=mail&amp;x=1"><input type="hidden" name="id" value="p-9"><button name="decision" value="approve">Approve</button><button name="decision" value="reject">Reject</button></form>',
    );
  });

  it("puts the caller's own fields inside the answer form, before the buttons, so they post with any choice", () => {
    const fragment = renderHtml(packetView(source), '/answer', '<input type="hidden" name="csrf" value="t0k">');
    expect(fragment).toContain('<input type="hidden" name="id" value="p-9"><input type="hidden" name="csrf" value="t0k"><button name="decision" value="approve">');
  });

  it('refuses an answerUrl that would run code when a reviewer answers', () => {
    expect(() => renderHtml(packetView(source), 'javascript:alert(1)')).toThrow(RangeError);
    expect(() => renderHtml(packetView(source), 'java\tscript:alert(1)')).toThrow(RangeError);
  });
});

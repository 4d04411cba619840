import { describe, expect, it } from 'vitest';
import { signWebhookPayload, verifyWebhookSignature } from './signature.js';

const secret = 'whsec_test';
const body = JSON.stringify({ type: 'proposed', at: '2025-01-01T00:00:00.000Z', proposal: { id: 'p1' } });
const now = new Date('2025-01-01T00:00:10.000Z');
const timestamp = Math.floor(now.getTime() / 1000) - 10;
const signature = signWebhookPayload(secret, timestamp, body);

describe('verifyWebhookSignature', () => {
  it('accepts a fresh, genuine delivery', () => {
    expect(signature).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(verifyWebhookSignature({ secret, body, timestamp: String(timestamp), signature, now })).toBe(true);
    expect(verifyWebhookSignature({ secret, body: Buffer.from(body), timestamp, signature, now })).toBe(true);
  });

  it('rejects a tampered body', () => {
    const tampered = body.replace('p1', 'p2');
    expect(verifyWebhookSignature({ secret, body: tampered, timestamp: String(timestamp), signature, now })).toBe(false);
  });

  it('rejects a stale timestamp, even with a valid signature for it', () => {
    const old = timestamp - 301;
    const signed = signWebhookPayload(secret, old, body);
    expect(verifyWebhookSignature({ secret, body, timestamp: String(old), signature: signed, now })).toBe(false);
    expect(verifyWebhookSignature({ secret, body, timestamp: String(old), signature: signed, now, toleranceSeconds: 3600 })).toBe(true);
  });

  it('rejects a timestamp too far in the future', () => {
    const future = timestamp + 1000;
    expect(verifyWebhookSignature({ secret, body, timestamp: future, signature: signWebhookPayload(secret, future, body), now })).toBe(false);
  });

  it('rejects a timestamp changed to look fresh (the signature covers it)', () => {
    expect(verifyWebhookSignature({ secret, body, timestamp: String(timestamp + 1), signature, now })).toBe(false);
  });

  it('rejects the wrong secret, a malformed signature and missing headers', () => {
    expect(verifyWebhookSignature({ secret: 'other', body, timestamp, signature, now })).toBe(false);
    expect(verifyWebhookSignature({ secret, body, timestamp, signature: signature.slice(0, -1), now })).toBe(false);
    expect(verifyWebhookSignature({ secret, body, timestamp, signature: signature.replace('sha256=', 'sha1='), now })).toBe(false);
    expect(verifyWebhookSignature({ secret, body, timestamp, signature: undefined, now })).toBe(false);
    expect(verifyWebhookSignature({ secret, body, timestamp: undefined, signature, now })).toBe(false);
    expect(verifyWebhookSignature({ secret, body, timestamp: `${timestamp}.5`, signature, now })).toBe(false);
    expect(verifyWebhookSignature({ secret: '', body, timestamp, signature, now })).toBe(false);
  });
});

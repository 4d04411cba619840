// Signing a webhook delivery and checking it at the receiver. The signed payload
// is "<timestamp>.<body>" (the Stripe/GitHub convention): an attacker who
// captures a delivery cannot replay it later, because the receiver refuses a
// stale timestamp and cannot change the timestamp without breaking the HMAC.
import { createHmac, timingSafeEqual } from 'node:crypto';

/** The scheme named in `x-oversight-signature`, so a receiver can tell if it ever changes. */
export const SIGNATURE_SCHEME = 'sha256';

/** `sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">`: the `x-oversight-signature` value. */
export function signWebhookPayload(secret: string, timestamp: number, body: string | Uint8Array): string {
  const hmac = createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');
  return `${SIGNATURE_SCHEME}=${hmac}`;
}

export interface VerifyWebhookSignatureOptions {
  secret: string;
  /** The raw request body, exactly as received: re-serialised JSON would not match. */
  body: string | Uint8Array;
  /** The `x-oversight-timestamp` header (unix seconds). */
  timestamp: string | number | undefined;
  /** The `x-oversight-signature` header. */
  signature: string | undefined;
  /** The receiver's clock; the current time when absent. */
  now?: Date;
  /** How far the timestamp may be from `now`, either way (clock skew), before it counts as a replay. */
  toleranceSeconds?: number;
}

/** Whether a delivery is genuine and fresh: what a receiver checks before it trusts the body. */
export function verifyWebhookSignature(options: VerifyWebhookSignatureOptions): boolean {
  const { secret, body, signature, now = new Date(), toleranceSeconds = 300 } = options;
  const timestamp = parseTimestamp(options.timestamp);
  if (timestamp === undefined || signature === undefined || secret === '') return false;
  if (Math.abs(Math.floor(now.getTime() / 1000) - timestamp) > toleranceSeconds) return false;
  return constantTimeEqual(signWebhookPayload(secret, timestamp, body), signature);
}

/** Unix seconds from a header, or undefined for anything but a plain non-negative integer. */
function parseTimestamp(value: string | number | undefined): number | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? value : undefined;
  if (typeof value !== 'string' || !/^\d{1,15}$/.test(value)) return undefined;
  return Number(value);
}

// timingSafeEqual throws on unequal lengths; the length of a well-formed signature
// is public (the scheme fixes it), so checking it first leaks nothing.
function constantTimeEqual(expected: string, actual: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(actual, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

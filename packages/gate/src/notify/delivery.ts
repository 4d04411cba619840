// One webhook request: its headers, and what its response means for retrying.
import type { GateEvent } from '../types.js';
import { signWebhookPayload } from './signature.js';

export const USER_AGENT = 'oversight-gate';

export interface DeliveryRequest {
  event: GateEvent;
  body: string;
  secret: string;
  deliveryId: string;
  /** Unix seconds at this attempt. */
  timestamp: number;
}

/** The headers of one attempt. The timestamp (so the signature) is per attempt: a retry after a long backoff must not look stale to the receiver. */
export function deliveryHeaders(request: DeliveryRequest): Record<string, string> {
  return {
    'content-type': 'application/json',
    'user-agent': USER_AGENT,
    'x-oversight-event': request.event.type,
    'x-oversight-delivery': request.deliveryId,
    'x-oversight-timestamp': String(request.timestamp),
    'x-oversight-signature': signWebhookPayload(request.secret, request.timestamp, request.body),
  };
}

/** 429 and 5xx may pass; any other non-2xx is the receiver refusing this delivery, and sending it again would not help. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

export function asError(value: unknown): Error {
  return value instanceof Error ? value : new Error(String(value));
}

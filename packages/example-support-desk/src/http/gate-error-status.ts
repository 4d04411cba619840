import type { GateErrorCode } from '@oversight/gate';

/** The HTTP status a gate refusal answers with: the caller's fault (4xx) but for a log that failed (503). */
export const GATE_ERROR_STATUS: Record<GateErrorCode, number> = {
  'unknown-policy': 400,
  'invalid-input': 400,
  'reason-required': 400,
  'edited-facts-required': 400,
  unauthenticated: 401,
  'wrong-role': 403,
  'self-approval': 403,
  'duplicate-approver': 403,
  'identity-mismatch': 403,
  'not-found': 404,
  settled: 409,
  expired: 409,
  'no-escalation': 409,
  'store-failed': 503,
};

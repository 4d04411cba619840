/** Why the gate refused a call. Codes are a closed set, so a service can branch on them. */
export type GateErrorCode =
  | 'unknown-policy'
  | 'invalid-input'
  | 'not-found'
  | 'settled'
  | 'expired'
  | 'wrong-role'
  | 'self-approval'
  | 'duplicate-approver'
  | 'reason-required'
  | 'edited-facts-required'
  | 'no-escalation'
  | 'unauthenticated'
  | 'identity-mismatch'
  | 'store-failed';

export class GateError extends Error {
  override readonly name = 'GateError';
  constructor(
    readonly code: GateErrorCode,
    message: string,
  ) {
    super(message);
  }
}

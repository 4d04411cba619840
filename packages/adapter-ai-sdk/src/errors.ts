// Why the adapter refused a call of its own (the gate's refusals stay GateErrors).

/** Codes are a closed set, so a caller can branch on them. */
export type OversightErrorCode =
  /** A tool the adapter cannot gate: no `execute`, provider-executed, or it decides `needsApproval` itself. */
  | 'unsupported-tool'
  /** The facts mapping gave no object of facts for a call. */
  | 'invalid-facts'
  /** No call with this tool call id was proposed through this adapter (here or in the gate's log). */
  | 'unknown-call'
  /** A tool call id came back with other arguments than the call proposed under it. */
  | 'call-id-reused'
  /** The approval request's id is not known: pass the generation's parts to `approvalRequests` first, or give `approvalId`. */
  | 'unknown-approval'
  /** An edit without `editedArgs`, or with arguments the tool's input schema refuses. */
  | 'invalid-edit';

export class OversightError extends Error {
  override readonly name = 'OversightError';
  constructor(
    readonly code: OversightErrorCode,
    message: string,
  ) {
    super(message);
  }
}

// Our routes in the words of the AI SDK 7 `toolApproval` hook, so moving from
// `needsApproval` (AI SDK 6) to it is a small step.
import type { Route } from '@oversight/core';

/** The statuses an AI SDK 7 `toolApproval` callback returns for a tool call. */
export type ToolApprovalStatus = 'approved' | 'denied' | 'user-approval' | 'not-applicable';

/**
 * What each route means to the AI SDK's tool approval:
 * - `auto` → `not-applicable`: no person is involved, the tool runs;
 * - `review_after` → `approved`: it runs now, and the review stays queued in the gate;
 * - `approve_before`, `escalate` → `user-approval`: a person answers first;
 * - `deny` → `denied`: it never runs.
 */
export function toolApprovalStatus(route: Route): ToolApprovalStatus {
  switch (route) {
    case 'auto':
      return 'not-applicable';
    case 'review_after':
      return 'approved';
    case 'approve_before':
    case 'escalate':
      return 'user-approval';
    case 'deny':
      return 'denied';
  }
}

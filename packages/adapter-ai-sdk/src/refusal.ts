// What a wrapped tool returns instead of running: the model reads why.
import type { Route } from '@oversight/core';
import type { ProposalStatus } from '@oversight/gate';

/**
 * The result of a tool call that did not run: denied by the policy, rejected
 * or not (yet) approved by a person, expired, or refused by `gate.authorize`.
 * It is the tool's output in the AI SDK's history, so the model can tell the
 * user; nothing was executed.
 */
export type OversightRefusal = {
  oversight: 'refused';
  toolName: string;
  toolCallId: string;
  /** The gate's proposal for the call (the one an edit was routed into, when it was). */
  proposalId: string;
  route: Route;
  /** Where the proposal stands, or `not-authorized` when `gate.authorize` refused the arguments. */
  status: ProposalStatus | 'not-authorized';
  /** One sentence for the model and the log reader: why it did not run. */
  reason: string;
};

export function isOversightRefusal(value: unknown): value is OversightRefusal {
  return typeof value === 'object' && value !== null && (value as { oversight?: unknown }).oversight === 'refused';
}

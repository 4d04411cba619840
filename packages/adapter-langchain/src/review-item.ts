// A governed tool call on its way through the review: the call as it would run
// now (edited or not), the gate's proposal it runs under, and whether it waits
// for a person.
import type { ToolCall } from '@langchain/core/messages';
import type { Proposal, ProposalView } from '@oversight/gate';

/** A tool call with the id its ToolMessage answers. */
export type GovernedCall = ToolCall & { id: string };

export interface ReviewItem {
  /** The call as it would run: the model's, or a person's edit of it. */
  call: GovernedCall;
  /** The gate's proposal for it: the first one, or the one an edit was routed into. */
  view: ProposalView;
  /** It waits for a person's answer in the next round of review. */
  waiting: boolean;
  /** Why the last answer for it was refused. */
  refused?: string;
}

/** A proposal a person answers before it runs (the gate's `wait` when it was made). */
export function waitsWhenProposed(proposal: Proposal): boolean {
  return proposal.route === 'approve_before' || proposal.route === 'escalate';
}

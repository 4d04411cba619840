// A tool call that does not run is answered by a ToolMessage saying why, so the
// model sees the refusal (and every tool call still has its answer).
import { ToolMessage } from '@langchain/core/messages';
import type { ProposalView } from '@oversight/gate';
import type { GovernedCall } from './review-item.js';

/** What a refusal's ToolMessage carries as its artifact (not sent to the model). */
export interface RefusalArtifact {
  oversight: { proposalId?: string; status?: string; route?: string; reason: string };
}

export function refusalMessage(call: GovernedCall, view: ProposalView | undefined, detail?: string): ToolMessage {
  const reason = refusalText(call, view, detail);
  const proposal = view?.proposal;
  const artifact: RefusalArtifact = {
    oversight: { ...(proposal && { proposalId: proposal.id, status: proposal.status, route: proposal.route }), reason },
  };
  return new ToolMessage({ content: reason, tool_call_id: call.id, name: call.name, status: 'error', artifact });
}

function refusalText(call: GovernedCall, view: ProposalView | undefined, detail: string | undefined): string {
  if (view === undefined) return `${call.name} was not executed: ${detail ?? 'no oversight decision covers this call'}.`;
  const proposal = view.proposal;
  const edited = proposal.linkedTo === undefined ? '' : ' as edited';
  switch (proposal.status) {
    case 'denied':
      return `${call.name} was not executed: the ${proposal.policy.name} policy denies this action${edited} (rules matched: ${proposal.rules.join(', ') || 'none, its default'}; decision ${proposal.id}).`;
    case 'rejected': {
      const by = proposal.outcome?.reviewerId ?? 'a reviewer';
      const role = proposal.outcome?.reviewer === undefined ? '' : ` (${proposal.outcome.reviewer})`;
      return `${call.name} was not executed: ${by}${role} rejected it: ${proposal.outcome?.reason ?? 'no reason given'} (decision ${proposal.id}).`;
    }
    case 'expired':
      return `${call.name} was not executed: nobody answered decision ${proposal.id} before its deadline.`;
    default:
      return `${call.name} was not executed: decision ${proposal.id} is ${proposal.status}${detail === undefined ? '' : ` (${detail})`}.`;
  }
}

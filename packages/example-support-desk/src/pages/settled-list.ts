// The decisions settled most recently, with what became of each: so a reviewer
// sees their answer land, and what the clock or a colleague decided.
import type { Proposal } from '@oversight/gate';
import { clockText } from '../time-text.js';
import { html, type Html } from './html.js';

const OPEN = new Set<Proposal['status']>(['pending', 'under_review']);

export function recentlySettled(proposals: Iterable<Proposal>, limit = 10): Proposal[] {
  const settled = [...proposals].filter((proposal) => !OPEN.has(proposal.status));
  // Newest first; among equal times, the one written later first.
  return settled
    .map((proposal, order) => ({ proposal, order, at: proposal.settledAt ?? proposal.at }))
    .sort((a, b) => (a.at === b.at ? b.order - a.order : a.at < b.at ? 1 : -1))
    .slice(0, limit)
    .map((entry) => entry.proposal);
}

export function settledTable(proposals: Proposal[]): Html {
  if (proposals.length === 0) return html`<p class="empty">Nothing has been settled yet.</p>`;
  return html`<table class="settled">
<thead><tr><th>Decision</th><th>Action</th><th>Outcome</th><th>Reason</th><th>Settled</th></tr></thead>
<tbody>${proposals.map(
    (proposal) =>
      html`<tr data-proposal-id="${proposal.id}"><td class="id">${proposal.id}</td><td>${summaryOf(proposal)}${editedText(proposal)}</td><td><span class="outcome ${proposal.status}">${outcomeText(proposal)}</span></td><td>${proposal.outcome?.reason ?? ''}</td><td>${clockText(proposal.settledAt ?? proposal.at)}</td></tr>`,
  )}</tbody>
</table>`;
}

export function summaryOf(proposal: Proposal): string {
  if (proposal.packet) return proposal.packet.summary;
  const { actionType, amount, currency } = proposal.facts;
  if (typeof actionType === 'string' && typeof amount === 'number') return `${actionType} of ${amount}${typeof currency === 'string' ? ` ${currency}` : ''}`;
  return `${proposal.policy.name} action`;
}

function editedText(proposal: Proposal): string {
  const amount = proposal.outcome?.editedFacts?.amount;
  return typeof amount === 'number' ? ` → edited to ${amount}` : '';
}

function outcomeText(proposal: Proposal): string {
  const outcome = proposal.outcome;
  const by = outcome?.reviewerId === undefined ? '' : ` by ${outcome.reviewerId}${outcome.reviewer === undefined ? '' : ` (${outcome.reviewer})`}`;
  switch (proposal.status) {
    case 'approved':
      return outcome?.editedFacts ? `Edited and approved${by}: runs as edited` : `Approved${by}: may run`;
    case 'rejected':
      return `Rejected${by}: does not run`;
    case 'expired': {
      const moves = outcome?.escalations?.length ?? proposal.escalations.length;
      return `Expired: nobody answered in time${moves > 0 ? ` (after ${moves} escalation${moves === 1 ? '' : 's'})` : ''}`;
    }
    case 'rerouted':
      return `Edited${by} into a riskier action: routed again as ${proposal.reroutedTo ?? 'a new proposal'}`;
    case 'ran':
      return 'Ran automatically';
    case 'denied':
      return 'Denied by the policy: does not run';
    case 'reviewed':
      return `Reviewed${by}`;
    case 'escalated':
      return 'Escalated outside this desk';
    default:
      return proposal.status;
  }
}

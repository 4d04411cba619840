import type { Effect, Proposal, ProposalView } from '../types.js';

/** What the service does with a proposal in this state, and with which facts. */
export function viewOf(proposal: Proposal): ProposalView {
  const runFacts = runFactsOf(proposal);
  return { proposal, effect: effectOf(proposal), ...(runFacts && { runFacts }) };
}

export function effectOf(proposal: Proposal): Effect {
  switch (proposal.status) {
    case 'pending':
      return 'wait';
    case 'under_review':
    case 'ran':
      return 'run';
    case 'approved':
      return proposal.outcome?.editedFacts ? 'run-edited' : 'run';
    case 'rerouted':
      return 'rerouted';
    case 'reviewed':
      return proposal.outcome?.decision === 'rejected' ? 'undo' : proposal.outcome?.decision === 'edited' ? 'correct' : 'stands';
    case 'expired':
      return proposal.route === 'review_after' ? 'stands' : 'never';
    default:
      return 'never';
  }
}

/** The facts the action may run with now: what ran, what was approved, or the correction. */
export function runFactsOf(proposal: Proposal): Record<string, unknown> | undefined {
  switch (effectOf(proposal)) {
    case 'run':
    case 'stands':
      return proposal.facts;
    case 'run-edited':
    case 'correct':
      return proposal.outcome?.editedFacts;
    default:
      return undefined;
  }
}

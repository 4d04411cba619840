// The sentences the model and the caller read: why the policy routed a call,
// and why it may or may not run. They name reviewer roles, never people: the
// AI SDK sends them to the model.
import type { Decision } from '@oversight/core';
import type { Proposal } from '@oversight/gate';

/** Why the policy routed the proposal where it did, one line a reason (as the review packet's `why`). */
export function reasonsOf(proposal: Proposal, decision: Decision | undefined): string[] {
  if (decision !== undefined) {
    // A person's route has the packet's reasons; for auto and deny, the rules that chose the route.
    if (decision.packet && decision.packet.why.length > 0) return decision.packet.why;
    const deciding = decision.matched.filter((rule) => rule.route === decision.route);
    const reasons = (deciding.length > 0 ? deciding : decision.matched).map((rule) => `${rule.id} (${rule.route}): ${rule.because.join('; ')}`);
    if (decision.error) reasons.push(`could not evaluate: ${decision.error.message}`);
    return reasons.length > 0 ? reasons : [`no rule matched: the policy's default (${decision.route})`];
  }
  // Read back from the log, the evaluation itself is gone: the packet and the rule ids remain.
  if (proposal.packet && proposal.packet.why.length > 0) return proposal.packet.why;
  const reasons = proposal.rules.map((rule) => `${rule} matched`);
  if (proposal.error) reasons.push(`could not evaluate: ${proposal.error.message}`);
  return reasons.length > 0 ? reasons : [`no rule matched: the policy's default (${proposal.route})`];
}

/** Why a proposal does not run now (or, once it may, how it was decided). */
export function standing(proposal: Proposal, reasons: readonly string[]): string {
  const outcome = proposal.outcome;
  const by = outcome?.reviewer === undefined ? '' : ` by ${outcome.reviewer}`;
  const because = outcome?.reason === undefined ? '' : `: ${outcome.reason}`;
  switch (proposal.status) {
    case 'denied':
      return `denied by policy ${proposal.policy.name}: ${reasons.join('; ')}`;
    case 'rejected':
      return `rejected${by}${because}`;
    case 'expired':
      return `expired: nobody answered by ${proposal.deadline ?? 'the deadline'}`;
    case 'pending':
      return `waits for approval by ${proposal.reviewer ?? 'a reviewer'}${proposal.approvalsRequired > 1 ? ` (${proposal.approvals.length} of ${proposal.approvalsRequired} approvals)` : ''}`;
    case 'rerouted':
      return `an edit${by} made it riskier, so it was routed again as decision ${proposal.reroutedTo ?? '(unknown)'}`;
    case 'approved':
      if (outcome?.editedFacts) return `approved as edited${by}${because}`;
      return `approved${by}${proposal.linkedTo === undefined ? '' : ' after an edit'}${because}`;
    case 'reviewed':
      return outcome?.decision === 'rejected' ? `a reviewer rejected it after it ran${because}` : `reviewed after it ran${by}${because}`;
    case 'under_review':
      return `ran; a review${proposal.reviewer === undefined ? '' : ` by ${proposal.reviewer}`} is queued`;
    case 'ran':
      return `ran without a person (${proposal.route})`;
    case 'escalated':
      return 'escalated to an authority outside this gate';
  }
}

// What the flash says after an answer: what happened, and what it means for
// the action, in the reviewer's words.
import type { AnswerDecision, AnswerResult, Proposal } from '@oversight/gate';
import { clockText } from './time-text.js';

export function answerMessage(decision: AnswerDecision, result: AnswerResult): string {
  const { proposal } = result;
  const id = proposal.id;
  const action = actionWord(proposal);
  switch (result.effect) {
    case 'run':
      return `Approved ${id}: the ${action} may run`;
    case 'run-edited':
      return `Edited ${id}${amountText(result.runFacts)}: the ${action} may run as edited`;
    case 'rerouted': {
      const next = result.rerouted?.proposal;
      if (!next) return `Edited ${id} into a riskier action: it was routed again`;
      if (result.rerouted?.effect === 'never') return `Edited into an action the policy denies: ${next.id} does not run`;
      if (next.status === 'pending') return `Edited into a riskier action: routed again as ${next.id} to ${next.reviewer ?? 'a reviewer'}, who may approve it`;
      return `Edited into another action: routed again as ${next.id} (${next.route})`;
    }
    case 'never':
      return `Rejected ${id}: the ${action} does not run`;
    case 'wait':
      if (decision === 'escalate') return `Escalated ${id} to ${proposal.reviewer ?? 'the next role'}${proposal.deadline ? `, to answer by ${clockText(proposal.deadline)}` : ''}`;
      return `Approval recorded on ${id}: ${proposal.approvals.length} of ${proposal.approvalsRequired} given; it waits for another approver`;
    case 'stands':
      return `Confirmed ${id}: the ${action} that ran stands`;
    case 'correct':
      return `Corrected ${id}: the ${action} that ran must be corrected to the edited facts`;
    case 'undo':
      return `Rejected ${id}: the ${action} that ran should be undone`;
  }
}

function actionWord(proposal: Proposal): string {
  const type = proposal.facts.actionType;
  return typeof type === 'string' ? type.replace(/_/g, ' ') : 'action';
}

function amountText(facts: Record<string, unknown> | undefined): string {
  const amount = facts?.amount;
  if (typeof amount !== 'number') return '';
  return ` to ${amount}${typeof facts?.currency === 'string' ? ` ${facts.currency}` : ''}`;
}

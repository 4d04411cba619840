import { evaluate, ROUTES, type CompiledPolicy, type Decision } from '@oversight/core';
import { factsHash } from '../facts-hash.js';
import { GateError } from '../gate-error.js';
import type { ApprovalEvent, EscalatedEvent, LogEntry, SettledRecord } from '../log/log-entry.js';
import { isOpen } from '../state/gate-state.js';
import { deadlineFor, roleChain } from '../state/roles.js';
import type { AnswerInput, Proposal, Reviewer } from '../types.js';
import { approvalsRequired, proposeEntry } from './propose.js';
import { settledRecord } from './settle.js';

export interface AnswerContext {
  /** The enforced policy of the proposal's name (undefined when it is no longer enforced). */
  compiled: CompiledPolicy | undefined;
  shadows: readonly CompiledPolicy[];
  reviewer: Reviewer;
  now: Date;
  /** An id for the proposal an edit is routed into, when it is. */
  newId: () => string;
}

export interface AnswerEntries {
  entries: LogEntry[];
  /** The new proposal an edit that made the action riskier was routed into. */
  rerouted?: { id: string; decision: Decision };
}

/**
 * What a person's answer writes to the log, or a GateError saying why it is
 * refused. Pure: the caller has already applied any expiry the clock owed.
 */
export function answerEntries(proposal: Proposal, answer: AnswerInput, context: AnswerContext): AnswerEntries {
  const { reviewer, now } = context;
  const policy = context.compiled?.policy;
  refuseIfSettled(proposal);
  const chain = roleChain(policy, proposal.reviewer);
  if (!chain.includes(reviewer.role)) {
    const moved = proposal.escalations.at(-1);
    throw new GateError(
      'wrong-role',
      `${reviewer.id} answers as ${reviewer.role}, but decision ${proposal.id} waits for ${chain.join(' or ') || 'no declared role'}` +
        (moved ? ` (it was escalated from ${moved.from} to ${moved.to}${moved.cause === 'timeout' ? ' when its SLA passed' : ''})` : ''),
    );
  }
  if (reviewer.id === proposal.proposer?.id) throw new GateError('self-approval', `${reviewer.id} proposed decision ${proposal.id} and may not answer it: separation of duties`);
  if (reviewer.id === proposal.editedBy) throw new GateError('self-approval', `${reviewer.id} edited the action that became decision ${proposal.id} and may not answer it: separation of duties`);

  switch (answer.decision) {
    case 'approve':
      return { entries: [approve(proposal, reviewer, now)] };
    case 'reject':
      return { entries: [settledRecord(proposal, { decision: 'rejected', reason: requireReason(answer, proposal), ...answeredBy(reviewer) }, now)] };
    case 'escalate':
      return { entries: [escalate(proposal, answer, context)] };
    case 'edit':
      return edit(proposal, answer, context);
  }
}

function refuseIfSettled(proposal: Proposal): void {
  if (isOpen(proposal)) return;
  const when = proposal.settledAt ? ` at ${proposal.settledAt}` : '';
  if (proposal.status === 'expired') {
    const deadline = proposal.deadline === undefined ? '' : ` ${proposal.deadline}`;
    throw new GateError('expired', `decision ${proposal.id} expired${when}, past its deadline${deadline}; an answer after the deadline is refused (propose the action again if it is still wanted)`);
  }
  const by = proposal.outcome?.reviewerId ? ` by ${proposal.outcome.reviewerId}` : '';
  throw new GateError('settled', `decision ${proposal.id} is already settled (${proposal.status}${by}${when}); a second answer is refused`);
}

function approve(proposal: Proposal, reviewer: Reviewer, now: Date): ApprovalEvent | SettledRecord {
  if (proposal.approvals.some((approval) => approval.reviewer.id === reviewer.id)) {
    throw new GateError('duplicate-approver', `${reviewer.id} has already approved decision ${proposal.id}; it needs ${proposal.approvalsRequired} different people`);
  }
  const approvers = [...proposal.approvals.map((approval) => approval.reviewer), reviewer];
  if (proposal.status === 'pending' && approvers.length < proposal.approvalsRequired) {
    return { event: 'approval', decisionId: proposal.id, at: now.toISOString(), reviewer };
  }
  return settledRecord(
    proposal,
    { decision: 'approved', ...answeredBy(reviewer), ...(approvers.length > 1 && { approvers }), ...(proposal.status === 'pending' && { factsHash: proposal.factsHash }) },
    now,
  );
}

function escalate(proposal: Proposal, answer: AnswerInput, context: AnswerContext): EscalatedEvent {
  const { reviewer, now } = context;
  const policy = context.compiled?.policy;
  const from = proposal.reviewer;
  const to = from === undefined ? undefined : policy?.spec.reviewers?.[from]?.escalateTo;
  if (from === undefined || to === undefined) throw new GateError('no-escalation', `role ${from ?? '(none)'} has no escalateTo: approve, reject or edit decision ${proposal.id}`);
  const deadline = deadlineFor(policy, to, now);
  return {
    event: 'escalated',
    decisionId: proposal.id,
    from,
    to,
    at: now.toISOString(),
    cause: 'answer',
    reviewer,
    ...(answer.reason !== undefined && { reason: answer.reason }),
    ...(deadline !== undefined && { deadline }),
  };
}

/**
 * An edit of an action that has not run is evaluated again before anything
 * runs. It is approved as edited only when the edited action needs no more
 * than this reviewer may give: a route no more restrictive, a role this
 * reviewer answers for, one approval (before the edit and after). Otherwise the first proposal is settled
 * as edited and the edited action is proposed afresh, linked to it. An edit of
 * a review_after action that already ran is a correction the service applies.
 */
function edit(proposal: Proposal, answer: AnswerInput, context: AnswerContext): AnswerEntries {
  const { reviewer, now } = context;
  const reason = requireReason(answer, proposal);
  const editedFacts = answer.editedFacts;
  if (editedFacts === undefined || editedFacts === null || typeof editedFacts !== 'object' || Array.isArray(editedFacts)) {
    throw new GateError('edited-facts-required', `an edit of decision ${proposal.id} needs editedFacts: the whole action as it should run`);
  }
  const outcome = { decision: 'edited' as const, reason, ...answeredBy(reviewer), editedFacts, factsHash: factsHash(editedFacts) };
  if (proposal.status === 'under_review') return { entries: [settledRecord(proposal, outcome, now)] };
  if (proposal.approvals.length > 0 || proposal.approvalsRequired > 1) {
    // Approvals already given were for other facts, and an action that needs
    // several people is never settled by one person's edit: it starts over.
    return reroute(proposal, outcome, editedFacts, context);
  }

  const compiled = context.compiled;
  if (compiled === undefined) return reroute(proposal, outcome, editedFacts, context);
  const again = evaluate(compiled, editedFacts, { now });
  const noRiskier = ROUTES.indexOf(again.route) <= ROUTES.indexOf(proposal.route) && again.route !== 'deny';
  const runsFirst = again.route === 'auto' || again.route === 'review_after';
  const withinReviewer = runsFirst || (roleChain(compiled.policy, again.reviewer).includes(reviewer.role) && approvalsRequired(compiled.policy, again) === 1);
  if (noRiskier && withinReviewer) return { entries: [settledRecord(proposal, outcome, now)] };
  return reroute(proposal, outcome, editedFacts, context);
}

function reroute(proposal: Proposal, outcome: NonNullable<Proposal['outcome']>, editedFacts: Record<string, unknown>, context: AnswerContext): AnswerEntries {
  const id = context.newId();
  const { factsHash: _notApproved, ...unapproved } = outcome;
  if (context.compiled === undefined) throw new GateError('unknown-policy', `policy ${proposal.policy.name} is no longer enforced: the edited action cannot be evaluated; propose it again`);
  const settled = settledRecord(proposal, unapproved, context.now, id);
  const { entry, decision } = proposeEntry(
    { compiled: context.compiled, shadows: context.shadows, id, now: context.now, linkedTo: proposal.id, editedBy: context.reviewer.id },
    { policy: context.compiled.name, facts: editedFacts, proposer: proposal.proposer ?? { id: 'unknown' }, ...(proposal.decisionKey !== undefined && { decisionKey: proposal.decisionKey }) },
  );
  return { entries: [settled, entry], rerouted: { id, decision } };
}

function requireReason(answer: AnswerInput, proposal: Proposal): string {
  const reason = answer.reason?.trim();
  if (!reason) throw new GateError('reason-required', `to ${answer.decision} decision ${proposal.id}, say why (reason): the log keeps it for whoever tunes the policy`);
  return reason;
}

function answeredBy(reviewer: Reviewer): { reviewer: string; reviewerId: string } {
  return { reviewer: reviewer.role, reviewerId: reviewer.id };
}

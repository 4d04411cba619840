// The shapes of the review loop: what a service proposes, what a person answers,
// and the state of a proposal as the decision log rebuilds it.
import type { Decision, DecisionError, OutcomeDecision, ReviewPacket, Route } from '@oversight/core';

/** Who proposed an action: the agent or service acting, and the person it acts for, if any. */
export interface Proposer {
  id: string;
  /** e.g. `agent`, `service`, `person`. */
  kind?: string;
}

export interface ProposeInput {
  /** metadata.name of an enforced policy. */
  policy: string;
  facts: Record<string, unknown>;
  proposer: Proposer;
  /** The caller's id for the action: QA sampling hashes it, and it is logged. */
  decisionKey?: string;
  /**
   * The facts as sent could not be read whole (a JSON object repeating a key):
   * the policy's onError decides, as `oversight eval` gives it, and `facts`
   * holds only what a reviewer may be shown (often `{}`).
   */
  inputError?: DecisionError;
}

/** A person answering, as the identity verifier (or, without one, the answer) says. */
export interface Reviewer {
  /** The person: an employee id or email. */
  id: string;
  /** The reviewer role they act in (spec.reviewers). */
  role: string;
}

export const ANSWER_DECISIONS = ['approve', 'reject', 'edit', 'escalate'] as const;
export type AnswerDecision = (typeof ANSWER_DECISIONS)[number];

export interface AnswerInput {
  decision: AnswerDecision;
  /** Ignored in favour of the verifier's identity when one is configured (and refused if it differs). */
  reviewer?: Reviewer;
  /** Required to reject or edit: the workflow records why. */
  reason?: string;
  /** The corrected facts, for edit: the whole action as it should run. */
  editedFacts?: Record<string, unknown>;
}

/**
 * Where a proposal stands:
 * - `pending`: waits for approval before it runs (approve_before, escalate);
 * - `under_review`: ran (review_after), a person reviews it after;
 * - `approved`: may run, with the facts that were approved (as edited, when edited);
 * - `rejected`, `denied`, `expired`, `rerouted`: does not run (or, for a review_after that
 *   was rejected or expired, ran and was not confirmed);
 * - `ran`: auto, ran without a person; `reviewed`: a review_after a person answered;
 * - `escalated`: a record from another system says it left for a higher authority; it does not run here.
 */
export type ProposalStatus = 'pending' | 'under_review' | 'approved' | 'rejected' | 'denied' | 'expired' | 'rerouted' | 'ran' | 'reviewed' | 'escalated';

export interface Approval {
  reviewer: Reviewer;
  at: string;
}

export interface Escalation {
  from: string;
  to: string;
  at: string;
  cause: 'answer' | 'timeout';
  reviewer?: Reviewer;
  reason?: string;
}

/** What a person did, as the history record's `outcome` says it (extended with the loop's details). */
export interface Outcome {
  decision: OutcomeDecision;
  reason?: string;
  /** The role that answered. */
  reviewer?: string;
  /** The person who answered. */
  reviewerId?: string;
  turnaroundSeconds?: number;
  /** Every person whose approval counted, in order (M-of-N). */
  approvers?: Reviewer[];
  /** The corrected action, for an edit. */
  editedFacts?: Record<string, unknown>;
  /** sha256 of the canonical facts that may run after this answer. */
  factsHash?: string;
  escalations?: Escalation[];
}

/** A shadow policy's route for the same facts: evidence for a candidate, never acted on. */
export interface ShadowRoute {
  policy: { name: string; version: number; hash: string };
  route: Route;
  rules: string[];
}

/** A proposal as the log rebuilds it: the same whether the gate saw it live or read it back. */
export interface Proposal {
  id: string;
  /** When it was proposed. */
  at: string;
  policy: { name: string; version: number; hash: string };
  facts: Record<string, unknown>;
  /** sha256 of the canonical proposed facts. */
  factsHash: string;
  route: Route;
  rules: string[];
  proposer?: Proposer;
  decisionKey?: string;
  sampled: boolean;
  error?: DecisionError;
  packet?: ReviewPacket;
  /** The role that must answer now (it moves up on escalation). */
  reviewer?: string;
  deadline?: string;
  approvalsRequired: number;
  approvals: Approval[];
  escalations: Escalation[];
  /** The deadline a due-soon warning was last sent for. */
  warnedFor?: string;
  /** A proposal made again from another's edit. */
  linkedTo?: string;
  /** The reviewer whose edit made this proposal: they may not approve it either. */
  editedBy?: string;
  shadow?: ShadowRoute[];
  status: ProposalStatus;
  outcome?: Outcome;
  settledAt?: string;
  /** The proposal an edit that made the action riskier was routed into. */
  reroutedTo?: string;
  /** When the service claimed it to run (`gate.claim`): it runs once. */
  executedAt?: string;
}

/** What the service does with a proposal now. */
export type Effect =
  | 'run' // run the action with the approved facts
  | 'run-edited' // run the action with the facts as a person edited them
  | 'wait' // nothing runs yet: a person (or more approvers) must answer
  | 'never' // it does not run
  | 'rerouted' // an edit made it riskier: the new proposal decides
  | 'stands' // a review_after action that ran is confirmed
  | 'correct' // a review_after action that ran must be corrected to the edited facts
  | 'undo'; // a review_after action that ran should not have: undo what can be undone

export interface ProposalView {
  proposal: Proposal;
  /** The facts the service may act on, when it may act. */
  runFacts?: Record<string, unknown>;
  effect: Effect;
  /** The evaluation behind a new proposal (absent when read back from the log). */
  decision?: Decision;
}

export interface AnswerResult extends ProposalView {
  /** The new proposal an edit that made the action riskier was routed into. */
  rerouted?: ProposalView;
}

export type Authorization =
  | { ok: true; facts: Record<string, unknown>; factsHash: string }
  | { ok: false; code: 'not-found' | 'not-runnable' | 'facts-differ' | 'not-durable' | 'already-executed'; message: string };

/** What a notifier hears of: a new proposal, one due soon, an escalation, a settlement. */
export interface GateEvent {
  type: 'proposed' | 'due-soon' | 'escalated' | 'settled';
  at: string;
  proposal: Proposal;
}

export interface Notifier {
  notify(event: GateEvent): Promise<void>;
}

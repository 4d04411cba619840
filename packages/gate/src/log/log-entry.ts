// The lines of a decision log. A settled decision is a v1 history record (with
// the loop's details as extra fields), so every history reader reads a log
// unchanged; the steps before it are event lines, which those readers skip.
import type { DecisionError, HistoryRecord } from '@oversight/core';
import type { Escalation, Outcome, Proposal, Proposer, Reviewer, ShadowRoute } from '../types.js';

/** A proposal that waits for a person: approve_before, escalate, or a review_after that ran. */
export type ProposedEvent = { event: 'proposed'; decisionId: string } & Pick<
  Proposal,
  'at' | 'policy' | 'facts' | 'factsHash' | 'route' | 'rules' | 'reviewer' | 'deadline' | 'approvalsRequired' | 'sampled' | 'proposer' | 'decisionKey' | 'error' | 'packet' | 'linkedTo' | 'editedBy' | 'shadow'
>;

/** One approval of several a route needs (M-of-N); the last one settles the decision. */
export interface ApprovalEvent {
  event: 'approval';
  decisionId: string;
  at: string;
  reviewer: Reviewer;
}

/** The proposal moves up the chain: a person escalated it, or its SLA passed under onTimeout: escalate. */
export interface EscalatedEvent extends Escalation {
  event: 'escalated';
  decisionId: string;
  deadline?: string;
}

/** A due-soon warning went out for the current deadline; a restart does not warn again. */
export interface WarnedEvent {
  event: 'warned';
  decisionId: string;
  at: string;
  deadline: string;
}

/** The service ran the action (through `gate.claim`): a second claim is refused, across restarts. */
export interface ExecutedEvent {
  event: 'executed';
  decisionId: string;
  at: string;
  /** sha256 of the canonical facts it ran with. */
  factsHash: string;
}

export type GateEventLine = ProposedEvent | ApprovalEvent | EscalatedEvent | WarnedEvent | ExecutedEvent;
export const EVENT_KINDS: readonly GateEventLine['event'][] = ['proposed', 'approval', 'escalated', 'warned', 'executed'];

/** A settled decision: a v1 history record, with the loop's details beside the v1 fields. */
export interface SettledRecord extends Omit<HistoryRecord, 'outcome' | 'policy'> {
  policy: { name: string; version: number; hash?: string };
  outcome?: Outcome;
  settledAt?: string;
  proposer?: Proposer;
  decisionKey?: string;
  error?: DecisionError;
  linkedTo?: string;
  editedBy?: string;
  reroutedTo?: string;
  shadow?: ShadowRoute[];
  /** sha256 of the canonical proposed facts. */
  factsHash?: string;
}

export type LogEntry = GateEventLine | SettledRecord;

export function isEventLine(entry: LogEntry): entry is GateEventLine {
  return 'event' in entry && typeof entry.event === 'string';
}

// The gate's state is a fold over its log: the same function applies a line the
// gate just wrote and a line read back after a restart, so the two cannot differ.
import type { Route } from '@oversight/core';
import { isEventLine, type GateEventLine, type LogEntry, type SettledRecord } from '../log/log-entry.js';
import type { Proposal, ProposalStatus } from '../types.js';

export interface GateState {
  proposals: Map<string, Proposal>;
  /** Ids of the proposals still waiting for a person, oldest first: sweeps and queues read these, not every decision ever made. */
  open: Set<string>;
  /** Lines that could not apply (an answer to an unknown or settled proposal): `oversight log verify` names them. */
  anomalies: { decisionId: string; problem: string }[];
}

export function emptyState(): GateState {
  return { proposals: new Map(), open: new Set(), anomalies: [] };
}

export function applyEntry(state: GateState, entry: LogEntry): void {
  if (isEventLine(entry)) applyEvent(state, entry);
  else applyRecord(state, entry);
  const proposal = state.proposals.get(entry.decisionId);
  if (proposal && isOpen(proposal)) state.open.add(proposal.id);
  else state.open.delete(entry.decisionId);
}

function applyEvent(state: GateState, event: GateEventLine): void {
  const existing = state.proposals.get(event.decisionId);
  if (event.event === 'proposed') {
    if (existing) return void state.anomalies.push({ decisionId: event.decisionId, problem: 'proposed twice' });
    const { event: _kind, decisionId, ...fields } = event;
    state.proposals.set(decisionId, { ...fields, id: decisionId, approvals: [], escalations: [], status: event.route === 'review_after' ? 'under_review' : 'pending' });
    return;
  }
  if (event.event === 'executed') {
    if (!existing) return void state.anomalies.push({ decisionId: event.decisionId, problem: 'executed, though never proposed' });
    if (existing.executedAt !== undefined) return void state.anomalies.push({ decisionId: event.decisionId, problem: `executed twice (first at ${existing.executedAt})` });
    existing.executedAt = event.at;
    return;
  }
  if (!existing || !isOpen(existing)) {
    state.anomalies.push({ decisionId: event.decisionId, problem: `${event.event} ${existing ? `after it was settled (${existing.status})` : 'of a decision never proposed'}` });
    return;
  }
  switch (event.event) {
    case 'approval':
      existing.approvals.push({ reviewer: event.reviewer, at: event.at });
      return;
    case 'escalated': {
      const { event: _kind, decisionId: _id, deadline, ...escalation } = event;
      existing.escalations.push(escalation);
      existing.reviewer = event.to;
      existing.deadline = deadline;
      // The higher authority decides afresh: approvals given below do not count for it.
      existing.approvals = [];
      return;
    }
    case 'warned':
      existing.warnedFor = event.deadline;
  }
}

function applyRecord(state: GateState, record: SettledRecord): void {
  const existing = state.proposals.get(record.decisionId);
  if (existing && !isOpen(existing)) return void state.anomalies.push({ decisionId: record.decisionId, problem: `settled twice (already ${existing.status})` });
  const settled: Proposal = existing ?? {
    id: record.decisionId,
    at: record.at,
    policy: { name: record.policy.name, version: record.policy.version, hash: record.policy.hash ?? '' },
    facts: record.facts,
    factsHash: record.factsHash ?? '',
    route: record.route,
    rules: record.rules ?? [],
    sampled: record.audit === true,
    approvalsRequired: 1,
    approvals: [],
    escalations: [],
    status: 'ran',
  };
  if (!existing) copyDefined(settled, record, ['proposer', 'decisionKey', 'error', 'linkedTo', 'editedBy', 'shadow']);
  settled.status = settledStatus(record.route, record);
  if (record.outcome) settled.outcome = record.outcome;
  if (record.settledAt !== undefined) settled.settledAt = record.settledAt;
  if (record.reroutedTo !== undefined) settled.reroutedTo = record.reroutedTo;
  state.proposals.set(record.decisionId, settled);
}

/** What a settled record means for whether and how the action runs. */
function settledStatus(route: Route, record: SettledRecord): ProposalStatus {
  const decision = record.outcome?.decision;
  if (route === 'auto') return 'ran';
  if (route === 'deny') return 'denied';
  if (route === 'review_after') return decision === 'expired' ? 'expired' : decision === undefined ? 'ran' : 'reviewed';
  switch (decision) {
    case 'approved':
      return 'approved';
    case 'edited':
      return record.reroutedTo === undefined ? 'approved' : 'rerouted';
    case 'rejected':
      return 'rejected';
    case 'escalated':
      return 'escalated';
    default:
      // A human route with no answer recorded: nobody approved it.
      return 'expired';
  }
}

/** Still waiting for a person. */
export function isOpen(proposal: Proposal): boolean {
  return proposal.status === 'pending' || proposal.status === 'under_review';
}

function copyDefined<K extends keyof Proposal & keyof SettledRecord>(target: Proposal, source: SettledRecord, keys: K[]): void {
  for (const key of keys) if (source[key] !== undefined) (target as unknown as Record<K, unknown>)[key] = source[key];
}

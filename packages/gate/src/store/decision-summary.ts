// What a shared store indexes about a decision, so it can find open ones, due
// ones and one by its key without knowing the loop's rules: the fold of the
// decision's entries, the same fold the gate itself runs.
import type { LogEntry } from '../log/log-entry.js';
import { applyEntry, emptyState, isOpen } from '../state/gate-state.js';

export interface DecisionSummary {
  id: string;
  policy: string;
  /** When it was proposed (or settled, for a decision that never waited). */
  at: string;
  /** The caller's key of a first proposal (a rerouted one has none): one per policy. */
  decisionKey?: string;
  /** Still waits for a person. */
  open: boolean;
  /** The role it waits on now. */
  reviewer?: string;
  /** When its SLA ends, for an open decision with one. */
  deadline?: string;
}

/** The summary of one decision from all its entries, in log order; undefined when they hold no proposal or record. */
export function summarizeDecision(entries: readonly LogEntry[]): DecisionSummary | undefined {
  const state = emptyState();
  for (const entry of entries) applyEntry(state, entry);
  const proposal = entries[0] && state.proposals.get(entries[0].decisionId);
  if (!proposal) return undefined;
  const open = isOpen(proposal);
  return {
    id: proposal.id,
    policy: proposal.policy.name,
    at: proposal.at,
    ...(proposal.decisionKey !== undefined && proposal.linkedTo === undefined && { decisionKey: proposal.decisionKey }),
    open,
    ...(open && proposal.reviewer !== undefined && { reviewer: proposal.reviewer }),
    ...(open && proposal.deadline !== undefined && { deadline: proposal.deadline }),
  };
}

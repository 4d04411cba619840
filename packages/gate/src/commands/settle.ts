import type { SettledRecord } from '../log/log-entry.js';
import type { Outcome, Proposal } from '../types.js';

/** The history bounds turnaround at one year, so every sum of it stays exact. */
const MAX_TURNAROUND_SECONDS = 31_536_000;

/** The v1 history record that settles a proposal: the decision as made, and what a person (or the clock) did. */
export function settledRecord(proposal: Proposal, outcome: Omit<Outcome, 'turnaroundSeconds' | 'escalations'>, now: Date, reroutedTo?: string): SettledRecord {
  const turnaroundSeconds = Math.min(MAX_TURNAROUND_SECONDS, Math.max(0, Math.floor((now.getTime() - Date.parse(proposal.at)) / 1000)));
  return {
    decisionId: proposal.id,
    at: proposal.at,
    policy: proposal.policy,
    facts: proposal.facts,
    route: proposal.route,
    rules: proposal.rules,
    ...(proposal.sampled && proposal.route === 'auto' && { audit: true }),
    outcome: { ...outcome, turnaroundSeconds, ...(proposal.escalations.length > 0 && { escalations: proposal.escalations }) },
    settledAt: now.toISOString(),
    ...(proposal.proposer && { proposer: proposal.proposer }),
    ...(proposal.decisionKey !== undefined && { decisionKey: proposal.decisionKey }),
    ...(proposal.error && { error: proposal.error }),
    ...(proposal.linkedTo !== undefined && { linkedTo: proposal.linkedTo }),
    ...(proposal.editedBy !== undefined && { editedBy: proposal.editedBy }),
    ...(reroutedTo !== undefined && { reroutedTo }),
    ...(proposal.shadow && { shadow: proposal.shadow }),
    factsHash: proposal.factsHash,
  };
}

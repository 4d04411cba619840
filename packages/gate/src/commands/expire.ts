import type { Policy } from '@oversight/core';
import type { EscalatedEvent, SettledRecord } from '../log/log-entry.js';
import { isOpen } from '../state/gate-state.js';
import { deadlineFor } from '../state/roles.js';
import type { Proposal } from '../types.js';
import { settledRecord } from './settle.js';

/**
 * What the clock does to a proposal past its deadline. A review after the fact
 * expires (the action ran; nothing is undone); an approval that never came
 * takes the policy's onTimeout: `escalate` moves it up with a fresh deadline
 * where the role has somewhere to go, else it expires and does not run. The
 * record says `expired`, never `rejected`: nobody is blamed for a timeout.
 */
export function expiryEntry(proposal: Proposal, policy: Policy | undefined, now: Date): EscalatedEvent | SettledRecord | undefined {
  if (!isOpen(proposal) || proposal.deadline === undefined || Date.parse(proposal.deadline) > now.getTime()) return undefined;
  const escalateTo = proposal.reviewer === undefined ? undefined : policy?.spec.reviewers?.[proposal.reviewer]?.escalateTo;
  if (proposal.status === 'pending' && policy?.spec.onTimeout === 'escalate' && escalateTo !== undefined) {
    const deadline = deadlineFor(policy, escalateTo, now);
    return {
      event: 'escalated',
      decisionId: proposal.id,
      from: proposal.reviewer!,
      to: escalateTo,
      at: now.toISOString(),
      cause: 'timeout',
      ...(deadline !== undefined && { deadline }),
    };
  }
  return settledRecord(proposal, { decision: 'expired' }, now);
}

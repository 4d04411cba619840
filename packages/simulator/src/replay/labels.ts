import type { HistoryRecord, OutcomeDecision } from '@oversight/core';

/** What a person decided, if anyone did. */
export function verdictOf(record: HistoryRecord): OutcomeDecision | undefined {
  return record.outcome?.decision;
}

/** A person rejected or corrected the action, or it failed downstream: it should not have run alone. */
export function isBad(record: HistoryRecord): boolean {
  const verdict = record.outcome?.decision;
  return verdict === 'rejected' || verdict === 'edited' || record.downstream?.error === true;
}

/**
 * History says whether the action was right: a person approved, rejected or
 * edited it, or an error was found later. Escalated and expired reviews, and
 * automatic decisions nobody sampled, say nothing.
 */
export function isLabelled(record: HistoryRecord): boolean {
  return isBad(record) || record.outcome?.decision === 'approved';
}

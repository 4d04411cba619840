import { factsHash } from '../facts-hash.js';
import { runFactsOf } from '../state/view.js';
import type { Authorization, Proposal } from '../types.js';

/**
 * The check a service makes just before it acts: the proposal may run, and the
 * facts it is about to act on are the ones approved (or, for auto and
 * review_after, the ones decided). Any other facts are refused, whatever changed.
 */
export function authorize(proposal: Proposal | undefined, id: string, facts: Record<string, unknown>): Authorization {
  if (!proposal) return { ok: false, code: 'not-found', message: `no decision ${id} in this gate's log` };
  if (proposal.executedAt !== undefined) return { ok: false, code: 'already-executed', message: `decision ${id} already ran (claimed at ${proposal.executedAt}): an action runs once` };
  const runFacts = runFactsOf(proposal);
  if (runFacts === undefined) {
    return { ok: false, code: 'not-runnable', message: `decision ${id} may not run: it is ${proposal.status}${proposal.status === 'pending' ? ` (${proposal.approvals.length} of ${proposal.approvalsRequired} approvals)` : ''}` };
  }
  const allowed = factsHash(runFacts);
  const given = factsHash(facts);
  if (given !== allowed) {
    return { ok: false, code: 'facts-differ', message: `the facts differ from those decision ${id} allowed (${allowed}); an approval covers exactly the action approved: propose the changed action again` };
  }
  return { ok: true, facts: runFacts, factsHash: allowed };
}

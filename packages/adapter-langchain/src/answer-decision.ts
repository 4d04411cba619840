// A person's decision on one action, through the gate: approve, edit (the
// edited arguments become edited facts the gate evaluates again), reject with
// a reason, or escalate. The gate decides what the answer does; a refused answer
// leaves the action waiting and says why.
import { factsHash, GateError, type AnswerInput, type Gate, type ProposalView, type Reviewer } from '@oversight/gate';
import type { FactsOf } from './options.js';
import { waitsWhenProposed, type GovernedCall, type ReviewItem } from './review-item.js';
import type { OversightDecision, OversightResponse } from './review-request.js';

export interface AnswerContext {
  gate: Gate;
  factsOf: FactsOf;
  /** The middleware's `reviewer` option. */
  reviewer: Reviewer | undefined;
}

/** The item after this decision: still waiting (partly approved, escalated, refused), settled, or routed again. */
export async function answerDecision(context: AnswerContext, item: ReviewItem, decision: OversightDecision, response: OversightResponse): Promise<ReviewItem> {
  const { gate } = context;
  const id = item.view.proposal.id;
  const before = gate.get(id);
  if (before === undefined) throw new GateError('not-found', `decision ${id} is not in the gate's log`);
  // Settled already: by this same answer before the node ran again (LangGraph
  // replays a node from its start on resume), or by a deadline. The gate's
  // record is what stands.
  if (before.effect !== 'wait') return settled(context, item, before, decision);
  if (decision.proposalId !== undefined && decision.proposalId !== id) {
    return { ...item, view: before, refused: `this decision names proposal ${decision.proposalId}, but the action is proposal ${id}; nothing was answered` };
  }

  let edited: GovernedCall | undefined;
  if (decision.type === 'edit') {
    if (decision.editedAction.name !== item.call.name) {
      return { ...item, view: before, refused: `an edit may change the arguments of ${item.call.name}, not the tool (the edit names ${decision.editedAction.name}); nothing was answered` };
    }
    edited = { ...item.call, args: decision.editedAction.args };
  }
  const reviewer = decision.reviewer ?? response.reviewer ?? context.reviewer;
  const reason = decision.reason ?? (decision.type === 'reject' ? decision.message : undefined);
  const answer: AnswerInput = {
    decision: decision.type,
    ...(reviewer !== undefined && { reviewer }),
    ...(reason !== undefined && { reason }),
    ...(edited !== undefined && { editedFacts: context.factsOf(edited) }),
  };

  try {
    const result = await gate.answer(id, answer, response.credential === undefined ? {} : { credential: response.credential });
    if (result.rerouted !== undefined) return { call: edited ?? item.call, view: result.rerouted, waiting: result.rerouted.effect === 'wait' };
    const call = result.effect === 'run-edited' && edited !== undefined ? edited : item.call;
    return { call, view: result, waiting: result.effect === 'wait' };
  } catch (error) {
    if (!isAnswerRefusal(error)) throw error;
    const after = gate.get(id) ?? before;
    // e.g. `expired`: the deadline passed before the answer came, and the gate applied it.
    if (after.effect !== 'wait') return settled(context, item, after, decision);
    return { ...item, view: after, waiting: true, refused: error.message };
  }
}

/** A refusal a person can fix by answering again; anything else (a log that cannot be written) stops the run. */
function isAnswerRefusal(error: unknown): error is GateError {
  return error instanceof GateError && error.code !== 'store-failed' && error.code !== 'not-found' && error.code !== 'unknown-policy';
}

/**
 * The item for a proposal the gate has settled. Its arguments are recovered for
 * an edit: those of this decision when their facts are the edited facts, else
 * the edited facts themselves (the default mapping); failing both, the call keeps
 * its arguments and the gate will not authorize it.
 */
function settled(context: AnswerContext, item: ReviewItem, view: ProposalView, decision: OversightDecision): ReviewItem {
  if (view.effect === 'rerouted' && view.proposal.reroutedTo !== undefined) {
    const next = context.gate.get(view.proposal.reroutedTo);
    if (next === undefined) return { ...item, view, waiting: false };
    const call = recoverCall(context, item.call, decision, next.proposal.factsHash, next.proposal.facts);
    return call === undefined ? { ...item, view, waiting: false } : { call, view: next, waiting: waitsWhenProposed(next.proposal) };
  }
  if (view.effect === 'run-edited' && view.runFacts !== undefined) {
    const call = recoverCall(context, item.call, decision, factsHash(view.runFacts), view.runFacts);
    return { call: call ?? item.call, view, waiting: false };
  }
  return { ...item, view, waiting: false };
}

function recoverCall(context: AnswerContext, call: GovernedCall, decision: OversightDecision, hash: string, facts: Record<string, unknown>): GovernedCall | undefined {
  const candidates = [decision.type === 'edit' ? decision.editedAction.args : undefined, facts];
  for (const args of candidates) {
    if (args === undefined) continue;
    const candidate = { ...call, args };
    if (factsHash(context.factsOf(candidate)) === hash) return candidate;
  }
  return undefined;
}

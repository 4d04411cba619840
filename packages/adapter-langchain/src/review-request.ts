// What the interrupt asks a person, and what the resume answers: LangChain's
// human-in-the-loop request and response (HITLRequest / HITLResponse), with the
// gate's proposal id, route, reasons and review packet on each action, and the
// reviewer's identity and reason on each decision.
import type { ReviewPacket, Route } from '@oversight/core';
import { renderPacket, type Reviewer } from '@oversight/gate';
import type { ActionRequest, ApproveDecision, EditDecision, HITLRequest, RejectDecision, ReviewConfig } from 'langchain';
import type { ReviewItem } from './review-item.js';

/** One tool call waiting for a person: LangChain's ActionRequest with the gate's decision beside it. */
export interface OversightActionRequest extends ActionRequest {
  /** The review packet as text (what a person reads). */
  description: string;
  /** The gate's decision id: what the answer settles. */
  proposalId: string;
  toolCallId: string;
  policy: string;
  route: Route;
  /** The reviewer role that must answer (or one above it on the escalateTo chain). */
  reviewer?: string;
  /** ISO time by which a person must answer. */
  deadline?: string;
  approvals: { given: number; required: number };
  /** Why a person sees this, one line a reason. */
  reasons: string[];
  packet?: ReviewPacket;
  /** The decision this one was edited from (an edit the policy routed again). */
  linkedTo?: string;
  /** Why the last answer for this action was refused (it still waits for one). */
  refused?: string;
}

/** The interrupt's value: a HITLRequest whose actions carry the gate's decisions. */
export interface OversightRequest extends HITLRequest {
  actionRequests: OversightActionRequest[];
  reviewConfigs: ReviewConfig[];
}

/** What a decision may add to LangChain's: who answers, why, and which proposal it answers. */
export interface DecisionExtras {
  /** The person answering; else the response's `reviewer`, else the middleware's `reviewer` option. */
  reviewer?: Reviewer;
  /** Why (required by the gate to reject or edit; a rejection's `message` serves when this is absent). */
  reason?: string;
  /** When given, must equal the action's proposalId (a guard against answering the wrong action). */
  proposalId?: string;
}

export interface OversightEscalateDecision extends DecisionExtras {
  /** Hand the decision to the role's escalateTo (an Oversight decision LangChain's HITL does not have). */
  type: 'escalate';
}

export type OversightDecision =
  | (ApproveDecision & DecisionExtras)
  | (EditDecision & DecisionExtras)
  | (RejectDecision & DecisionExtras)
  | OversightEscalateDecision;

/** The resume value: a HITLResponse (one decision per action request, in order), with identity. */
export interface OversightResponse {
  decisions: OversightDecision[];
  /** The person answering every decision that names nobody. */
  reviewer?: Reviewer;
  /** Passed to the gate's identity verifier (`gate.answer(id, body, { credential })`). */
  credential?: unknown;
}

const DECISION_TYPES = new Set(['approve', 'edit', 'reject', 'escalate']);

export function reviewRequest(items: readonly ReviewItem[]): OversightRequest {
  return {
    actionRequests: items.map(actionRequest),
    reviewConfigs: items.map((item) => ({ actionName: item.call.name, allowedDecisions: ['approve', 'edit', 'reject'] })),
  };
}

function actionRequest(item: ReviewItem): OversightActionRequest {
  const proposal = item.view.proposal;
  return {
    name: item.call.name,
    args: item.call.args,
    description: renderPacket(proposal, 'text'),
    proposalId: proposal.id,
    toolCallId: item.call.id,
    policy: proposal.policy.name,
    route: proposal.route,
    ...(proposal.reviewer !== undefined && { reviewer: proposal.reviewer }),
    ...(proposal.deadline !== undefined && { deadline: proposal.deadline }),
    approvals: { given: proposal.approvals.length, required: proposal.approvalsRequired },
    reasons: proposal.packet?.why ?? proposal.rules,
    ...(proposal.packet !== undefined && { packet: proposal.packet }),
    ...(proposal.linkedTo !== undefined && { linkedTo: proposal.linkedTo }),
    ...(item.refused !== undefined && { refused: item.refused }),
  };
}

/**
 * Checks the resume value's shape: one decision per waiting action, each of a
 * known type. A malformed response answers nothing (the actions are asked again);
 * whether an answer is allowed is the gate's to say.
 */
export function readResponse(value: unknown, count: number): { ok: true; response: OversightResponse } | { ok: false; message: string } {
  if (value === null || typeof value !== 'object' || !Array.isArray((value as { decisions?: unknown }).decisions)) {
    return { ok: false, message: 'the resume value is not a response: resume with { decisions: [...] }, one decision per action request' };
  }
  const decisions: unknown[] = (value as { decisions: unknown[] }).decisions;
  if (decisions.length !== count) {
    return { ok: false, message: `the response has ${decisions.length} decisions for ${count} action requests; nothing was answered: resume with one decision per action request, in order` };
  }
  for (const [index, decision] of decisions.entries()) {
    const problem = decisionProblem(decision);
    if (problem !== undefined) return { ok: false, message: `decision ${index + 1}: ${problem}; nothing was answered` };
  }
  return { ok: true, response: value as OversightResponse };
}

function decisionProblem(decision: unknown): string | undefined {
  if (decision === null || typeof decision !== 'object') return 'not an object';
  const { type } = decision as { type?: unknown };
  if (typeof type !== 'string' || !DECISION_TYPES.has(type)) return `type is one of approve, edit, reject, escalate (got ${JSON.stringify(type)})`;
  if (type === 'edit') {
    const action = (decision as { editedAction?: unknown }).editedAction as { name?: unknown; args?: unknown } | null | undefined;
    if (action === null || typeof action !== 'object' || typeof action.name !== 'string') return 'an edit needs editedAction: { name, args }';
    if (action.args === null || typeof action.args !== 'object' || Array.isArray(action.args)) return 'an edit needs editedAction.args: the arguments as they should run';
  }
  return undefined;
}

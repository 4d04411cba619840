// A proposal view as the API sends it (schemas/proposal.ts): flat, with the
// gate's effect and run facts beside the proposal's fields.
import type { Decision } from '@oversight/core';
import type { Approval, Effect, Escalation, Outcome, Proposal, ProposalView, Proposer, ShadowRoute } from '@oversight/gate';

export interface ProposalBody {
  id: string;
  at: string;
  status: Proposal['status'];
  effect: Effect;
  route: Proposal['route'];
  rules: string[];
  reviewer?: string;
  deadline?: string;
  approvalsRequired: number;
  approvals: Approval[];
  escalations: Escalation[];
  policy: Proposal['policy'];
  proposer?: Proposer;
  decisionKey?: string;
  facts: Record<string, unknown>;
  factsHash: string;
  runFacts?: Record<string, unknown>;
  sampled: boolean;
  error?: Proposal['error'];
  packet?: Proposal['packet'];
  outcome?: Outcome;
  shadow?: ShadowRoute[];
  linkedTo?: string;
  reroutedTo?: string;
  settledAt?: string;
  executedAt?: string;
  decision?: Decision;
}

/** The response body of a proposal view. */
export function proposalBody(view: ProposalView): ProposalBody {
  const p = view.proposal;
  return {
    id: p.id,
    at: p.at,
    status: p.status,
    effect: view.effect,
    route: p.route,
    rules: p.rules,
    reviewer: p.reviewer,
    deadline: p.deadline,
    approvalsRequired: p.approvalsRequired,
    approvals: p.approvals,
    escalations: p.escalations,
    policy: p.policy,
    proposer: p.proposer,
    decisionKey: p.decisionKey,
    facts: p.facts,
    factsHash: p.factsHash,
    runFacts: view.runFacts,
    sampled: p.sampled,
    error: p.error,
    packet: p.packet,
    outcome: p.outcome,
    shadow: p.shadow,
    linkedTo: p.linkedTo,
    reroutedTo: p.reroutedTo,
    settledAt: p.settledAt,
    executedAt: p.executedAt,
    decision: view.decision,
  };
}

// The tools/call results the proxy writes itself: approval pending, denied,
// not run, and the decision it attaches to every result it passes through.
// Each is written for the agent that reads it: what happened, and what to do.
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { ProposalView } from '@oversight/gate';
import type { RetryMode, ToolCall } from './types.js';

/** The `_meta` key under which every result says what the gate decided. */
export const DECISION_META_KEY = 'oversight/decision';

/** The argument a client adds to a call to come back for a held one (retry mode `resend`). */
export const PROPOSAL_ARGUMENT = '_oversightProposal';

/** What `_meta["oversight/decision"]` holds. */
export interface DecisionMeta {
  proposalId: string;
  policy: string;
  route: string;
  /** The proposal's status: `ran`, `under_review`, `pending`, `approved`, `rejected`, `denied`, ... */
  status: string;
  rules: string[];
  reviewer?: string;
  deadline?: string;
  /** The proposal an edit was routed into, when it was. */
  reroutedFrom?: string;
  /** How to come back for a held call. */
  retry?: { tool: string; arguments: Record<string, unknown> };
}

export interface RetryHow {
  mode: RetryMode;
  statusToolName: string;
}

export function decisionMeta(view: ProposalView): DecisionMeta {
  const proposal = view.proposal;
  return {
    proposalId: proposal.id,
    policy: proposal.policy.name,
    route: proposal.route,
    status: proposal.status,
    rules: proposal.rules,
    ...(proposal.reviewer !== undefined && { reviewer: proposal.reviewer }),
    ...(proposal.deadline !== undefined && { deadline: proposal.deadline }),
    ...(proposal.linkedTo !== undefined && { reroutedFrom: proposal.linkedTo }),
  };
}

/** The result with the decision behind it in `_meta`; nothing else of it changes. */
export function withDecision(result: CallToolResult, meta: DecisionMeta): CallToolResult {
  return { ...result, _meta: { ...result._meta, [DECISION_META_KEY]: meta } };
}

/** An error result: the agent reads `text`; `isError` tells its host the call did not do what it asked. */
export function errorResult(text: string, meta?: DecisionMeta): CallToolResult {
  return { content: [{ type: 'text', text }], isError: true, ...(meta && { _meta: { [DECISION_META_KEY]: meta } }) };
}

function whyOf(view: ProposalView): string[] {
  return view.decision?.packet?.why ?? view.proposal.packet?.why ?? [];
}

/**
 * "Approval pending": the call has not run. `isError: true`, because it did not
 * do what the agent asked (an agent or host reading `isError: false` takes the
 * write as done), and because a tool with an outputSchema must return
 * structuredContent unless its result is an error.
 */
export function pendingResult(call: ToolCall, view: ProposalView, retry: RetryHow): CallToolResult {
  const proposal = view.proposal;
  const id = proposal.id;
  const retryCall =
    retry.mode === 'status-tool'
      ? { tool: retry.statusToolName, arguments: { proposalId: id } }
      : { tool: call.name, arguments: { ...call.arguments, [PROPOSAL_ARGUMENT]: id } };
  const who = proposal.reviewer === undefined ? 'a person' : `a person in the role ${proposal.reviewer}`;
  const lines = [
    `Approval pending: ${call.name} has not run. Policy ${proposal.policy.name} routes it to ${proposal.route}${proposal.rules.length ? ` (${proposal.rules.join(', ')})` : ''}; ${who} must approve it${proposal.deadline === undefined ? '' : ` by ${proposal.deadline}`}.`,
    `Proposal id: ${id}`,
    ...whyOf(view).map((reason) => `Why: ${reason}`),
    retry.mode === 'status-tool'
      ? `To continue, call ${retry.statusToolName} with {"proposalId":"${id}"} later: once the call is approved, that runs it exactly as approved and returns its result. Calling ${call.name} again with the same arguments asks for a second approval.`
      : `To continue, call ${call.name} again later with the same arguments plus "${PROPOSAL_ARGUMENT}": "${id}": once the call is approved, that runs it exactly as approved and returns its result. Without that argument the call is proposed afresh.`,
  ];
  return errorResult(lines.join('\n'), { ...decisionMeta(view), retry: retryCall });
}

/** The policy denied the call: it never runs. */
export function deniedResult(toolName: string, view: ProposalView): CallToolResult {
  const proposal = view.proposal;
  const denying = view.decision?.matched.find((rule) => rule.route === 'deny');
  const because = denying ? `${denying.id}: ${denying.because.join('; ')}` : view.decision?.error?.message ?? proposal.rules.join(', ');
  return errorResult(
    `Denied by policy ${proposal.policy.name}: ${toolName} was not run and will not run${because ? ` (${because})` : ''}. Do not retry this call; do something else or ask a person.`,
    decisionMeta(view),
  );
}

/** A held call that will not run: rejected, expired, denied after an edit, or settled elsewhere. */
export function notRunResult(toolName: string, view: ProposalView): CallToolResult {
  const proposal = view.proposal;
  const outcome = proposal.outcome;
  const by = outcome?.reviewer === undefined ? 'a reviewer' : `a reviewer (${outcome.reviewer}${outcome.reviewerId === undefined ? '' : `, ${outcome.reviewerId}`})`;
  let text: string;
  switch (proposal.status) {
    case 'rejected':
      text = `Rejected by ${by}: ${toolName} was not run.${outcome?.reason === undefined ? '' : ` Reason: ${sentence(outcome.reason)}`} Do not retry it unchanged.`;
      break;
    case 'expired':
      text = `Nobody approved ${toolName} in time (the deadline of ${proposal.reviewer ?? 'its reviewer'} passed); it was not run. Propose it again if it is still needed.`;
      break;
    case 'denied':
      text = `Denied by policy ${proposal.policy.name}${proposal.linkedTo === undefined ? '' : ` after a reviewer's edit (proposal ${proposal.linkedTo})`}: ${toolName} was not run and will not run (${proposal.rules.join(', ')}).`;
      break;
    default:
      text = `${toolName} will not run here: its proposal ${proposal.id} is ${proposal.status}.`;
  }
  return errorResult(text, decisionMeta(view));
}

/** Tells the agent that a reviewer changed the call before it ran, and how. */
export function withEditNote(result: CallToolResult, ran: ToolCall, reason: string | undefined): CallToolResult {
  const note = `Note: a reviewer edited this call before approving it${reason === undefined ? '' : ` (${reason})`}; it ran as ${ran.name} ${JSON.stringify(ran.arguments)}.`;
  return { ...result, content: [{ type: 'text', text: note }, ...result.content] };
}

/** A reason as a sentence: with a full stop unless it ends in one already. */
function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

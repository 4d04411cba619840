// The calls the adapter has proposed, by tool call id. The gate's log is the
// record: this map is a cache over it, so a process that restarts between the
// approval request and the person's answer (a serverless route, a deploy)
// finds each call again by its decisionKey, `<toolName>:<toolCallId>`.
import type { Decision } from '@oversight/core';
import type { Gate, Proposal, ProposalView } from '@oversight/gate';

export interface CallRecord {
  toolCallId: string;
  toolName: string;
  /** The arguments the model proposed, when this process saw them (the log keeps the facts). */
  args?: unknown;
  facts: Record<string, unknown>;
  factsHash: string;
  /** The first proposal; an edit that made the call riskier links a new one to it (`reroutedTo`). */
  firstProposalId: string;
  /** The AI SDK was told this call needs approval (the policy routed it to approve_before or escalate). */
  needsApproval: boolean;
  /** The AI SDK's id of the approval request, once seen. */
  approvalId?: string;
  /** The arguments a reviewer's edit gave, once validated by the tool's input schema. */
  editedArgs?: unknown;
  /** The tool ran for this call (in this process): it never runs twice. */
  executed: boolean;
}

/** The decisionKey a call's proposals carry in the log. */
export function decisionKeyOf(toolName: string, toolCallId: string): string {
  return `${toolName}:${toolCallId}`;
}

/** approve_before and escalate wait for a person before the call runs. */
export function waitsForPerson(proposal: Proposal): boolean {
  return proposal.route === 'approve_before' || proposal.route === 'escalate';
}

export class CallRegistry {
  private readonly calls = new Map<string, CallRecord>();
  /** The evaluations behind proposals made in this process (the log keeps their rules and packet). */
  private readonly decisions = new Map<string, Decision>();

  constructor(
    private readonly gate: Gate,
    private readonly policy: string,
    private readonly toolNames: readonly string[],
  ) {}

  /** Keeps a new call; if a look-up already read its proposal back from the gate, completes that record instead. */
  add(record: CallRecord, decision: Decision | undefined): CallRecord {
    if (decision) this.decisions.set(record.firstProposalId, decision);
    const existing = this.calls.get(record.toolCallId);
    if (existing && existing.firstProposalId === record.firstProposalId) {
      existing.args ??= record.args;
      return existing;
    }
    this.calls.set(record.toolCallId, record);
    return record;
  }

  rememberDecision(proposalId: string, decision: Decision | undefined): void {
    if (decision) this.decisions.set(proposalId, decision);
  }

  decisionOf(proposalId: string): Decision | undefined {
    return this.decisions.get(proposalId);
  }

  find(toolCallId: string): CallRecord | undefined {
    return this.calls.get(toolCallId) ?? this.fromLog(toolCallId);
  }

  /** The proposals of a call, first to the one that decides it now. */
  chain(record: CallRecord): ProposalView[] {
    const views: ProposalView[] = [];
    const seen = new Set<string>();
    let id: string | undefined = record.firstProposalId;
    while (id !== undefined && !seen.has(id)) {
      seen.add(id);
      const view = this.gate.get(id);
      if (!view) break;
      views.push(view);
      id = view.proposal.reroutedTo;
    }
    return views;
  }

  current(record: CallRecord): ProposalView {
    const view = this.chain(record).at(-1);
    if (!view) throw new Error(`the gate has no decision ${record.firstProposalId} for tool call ${record.toolCallId}: was it given another log?`);
    return view;
  }

  private fromLog(toolCallId: string): CallRecord | undefined {
    const keys = new Map(this.toolNames.map((name) => [decisionKeyOf(name, toolCallId), name]));
    let found: { proposal: Proposal; toolName: string } | undefined;
    for (const proposal of this.gate.proposals()) {
      if (proposal.linkedTo !== undefined || proposal.policy.name !== this.policy || proposal.decisionKey === undefined) continue;
      const toolName = keys.get(proposal.decisionKey);
      if (toolName !== undefined) found = { proposal, toolName };
    }
    if (!found) return undefined;
    const { proposal, toolName } = found;
    const record: CallRecord = {
      toolCallId,
      toolName,
      facts: proposal.facts,
      factsHash: proposal.factsHash,
      firstProposalId: proposal.id,
      needsApproval: waitsForPerson(proposal),
      executed: false,
    };
    this.calls.set(toolCallId, record);
    return record;
  }
}

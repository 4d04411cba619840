// Wraps AI SDK tools so a routing policy, through the gate, decides whether a
// call needs approval, and so a tool runs only on what the gate authorizes.
// No routing of its own: the gate decides, this maps its answer onto the AI
// SDK's `needsApproval`, `execute` and tool approval responses.
import type { ReviewPacket, Route } from '@oversight/core';
import { factsHash, type AnswerDecision, type AnswerResult, type Effect, type Gate, type ProposalStatus, type ProposalView, type Proposer, type Reviewer } from '@oversight/gate';
import { asSchema, type JSONValue, type Tool, type ToolApprovalResponse, type ToolExecutionOptions, type ToolSet } from 'ai';
import { CallRegistry, decisionKeyOf, waitsForPerson, type CallRecord } from './call-registry.js';
import { reasonsOf, standing } from './describe.js';
import { OversightError } from './errors.js';
import { argumentsAsFacts, factsOf, type FactsMapping } from './facts.js';
import type { OversightRefusal } from './refusal.js';
import { isOversightRefusal } from './refusal.js';

export interface OversightOptions {
  /** The review loop every call goes through (`createGate` from @oversight/gate). */
  gate: Gate;
  /** metadata.name of the enforced policy that routes these tools' calls. */
  policy: string;
  /** Who proposes the calls: the agent (a reviewer may never answer for it). */
  proposer: Proposer;
  /** Tool name and arguments → the policy's facts. Default: the arguments object is the facts. */
  facts?: FactsMapping;
}

/** A wrapped tool: same input, and its output or a refusal when the gate said it may not run. */
export type OversightTool<T> = T extends Tool<infer INPUT, infer OUTPUT> ? Tool<INPUT, OUTPUT | OversightRefusal> : never;
export type OversightTools<TOOLS extends ToolSet> = { [NAME in keyof TOOLS]: OversightTool<TOOLS[NAME]> };

/** A tool call as the gate decided it: what a reviewer's screen shows beside the AI SDK's approval request. */
export interface OversightCall {
  toolCallId: string;
  toolName: string;
  /** The arguments the model proposed (absent when the call was read back from the log after a restart). */
  args?: unknown;
  /** The facts the policy judged. */
  facts: Record<string, unknown>;
  /** The proposal that decides the call now: the first, or the one an edit was routed into. */
  proposalId: string;
  /** Every proposal of the call, first to current. */
  proposalIds: string[];
  route: Route;
  rules: string[];
  /** Why the policy routed it there, one line a reason. */
  reasons: string[];
  /** The role that must answer now. */
  reviewer?: string;
  deadline?: string;
  /** The review packet a person reads (`renderPacket` renders it). */
  packet?: ReviewPacket;
  status: ProposalStatus;
  effect: Effect;
  /** Where it stands, in a sentence: what the model reads if it does not run. */
  standing: string;
  /** The AI SDK was told it needs approval (approve_before, escalate). */
  needsApproval: boolean;
  approvalId?: string;
  /** The arguments the tool runs with when it may run: the model's, or a reviewer's edit. */
  runArgs?: unknown;
  /** The tool ran for this call. */
  executed: boolean;
  /** The gate's view of the current proposal. */
  view: ProposalView;
}

/** An AI SDK approval request with the gate's decision attached. */
export interface OversightApprovalRequest {
  approvalId: string;
  toolCallId: string;
  toolName: string;
  call: OversightCall;
}

/** A person's answer to a tool call, in tool terms: an edit gives the tool's arguments as they should run. */
export interface OversightAnswerInput {
  decision: AnswerDecision;
  /** Who answers; taken from the credential instead when the gate has an identity verifier. */
  reviewer?: Reviewer;
  /** Required to reject or edit. */
  reason?: string;
  /** For an edit: the whole arguments as the tool should run them (checked by the tool's input schema). */
  editedArgs?: unknown;
}

export interface OversightAnswer {
  /** What the gate made of the answer (with `rerouted` when an edit made the call riskier). */
  result: AnswerResult;
  /** The call as it stands after the answer. */
  call: OversightCall;
  /**
   * The AI SDK approval response to send in a tool message to continue the
   * generation. Absent while the call still waits (escalated, routed again
   * after an edit, more approvals needed) and for calls that asked no approval
   * (a review_after correction).
   */
  response?: ToolApprovalResponse;
}

export interface Oversight<TOOLS extends ToolSet> {
  /** The tools to give `generateText` / `streamText` / an Agent. */
  readonly tools: OversightTools<TOOLS>;
  /**
   * The approval requests among a generation's parts (`result.content`, stream
   * parts, or response messages' parts), each with the gate's decision; also
   * records each request's `approvalId` for `answer`.
   */
  approvalRequests(parts: Iterable<unknown>): OversightApprovalRequest[];
  /** A person's answer, through `gate.answer`; gives the approval response once the call is decided. */
  answer(toolCallId: string, answer: OversightAnswerInput, options?: { approvalId?: string; credential?: unknown }): Promise<OversightAnswer>;
  /** The call as the gate decided it, or undefined when no such call was proposed. */
  call(toolCallId: string): OversightCall | undefined;
  /**
   * The approval response the call's current state gives (approved when it may
   * run, denied when it never will), or undefined while it waits. Use it when
   * the answer came another way: a review queue over the same gate, an expiry.
   */
  response(toolCallId: string, approvalId?: string): ToolApprovalResponse | undefined;
}

type Execute = (input: unknown, options: ToolExecutionOptions) => unknown;
type ToModelOutput = NonNullable<Tool['toModelOutput']>;

/**
 * Wraps AI SDK tools so the policy decides, through the gate, whether each call
 * needs approval; each call is proposed once (its decisionKey is
 * `<toolName>:<toolCallId>`), and a tool executes only after `gate.authorize`
 * for exactly the arguments it runs with.
 */
export function withOversight<TOOLS extends ToolSet>(tools: TOOLS, options: OversightOptions): Oversight<TOOLS> {
  return new ToolOversight(tools, options);
}

class ToolOversight<TOOLS extends ToolSet> implements Oversight<TOOLS> {
  readonly tools: OversightTools<TOOLS>;
  private readonly gate: Gate;
  private readonly mapping: FactsMapping;
  private readonly originals: Record<string, Tool>;
  private readonly registry: CallRegistry;
  private readonly proposing = new Map<string, Promise<CallRecord>>();

  constructor(
    tools: TOOLS,
    private readonly options: OversightOptions,
  ) {
    this.gate = options.gate;
    this.mapping = options.facts ?? argumentsAsFacts;
    this.originals = tools;
    this.registry = new CallRegistry(options.gate, options.policy, Object.keys(tools));
    const wrapped: Record<string, Tool> = {};
    for (const [name, original] of Object.entries(this.originals)) wrapped[name] = this.wrap(name, original);
    this.tools = wrapped as OversightTools<TOOLS>;
  }

  approvalRequests(parts: Iterable<unknown>): OversightApprovalRequest[] {
    const requests: OversightApprovalRequest[] = [];
    for (const part of partsOf(parts)) {
      const request = approvalRequestOf(part);
      if (!request) continue;
      const record = this.registry.find(request.toolCallId);
      if (!record) continue; // another tool's request: not ours to decide
      record.approvalId = request.approvalId;
      requests.push({ ...request, toolName: record.toolName, call: this.describe(record) });
    }
    return requests;
  }

  async answer(toolCallId: string, answer: OversightAnswerInput, options: { approvalId?: string; credential?: unknown } = {}): Promise<OversightAnswer> {
    const record = this.require(toolCallId);
    if (options.approvalId !== undefined) record.approvalId = options.approvalId;
    if (record.needsApproval && record.approvalId === undefined) {
      throw new OversightError('unknown-approval', `tool call ${toolCallId} has an approval request whose id this adapter has not seen: pass the generation's parts to approvalRequests() first, or give options.approvalId`);
    }
    const editedArgs = answer.decision === 'edit' ? await this.validEdit(record, answer.editedArgs) : undefined;
    const current = this.registry.current(record);
    const result = await this.gate.answer(
      current.proposal.id,
      {
        decision: answer.decision,
        ...(answer.reviewer !== undefined && { reviewer: answer.reviewer }),
        ...(answer.reason !== undefined && { reason: answer.reason }),
        ...(editedArgs !== undefined && { editedFacts: factsOf(this.mapping, record.toolName, editedArgs.value) }),
      },
      options.credential === undefined ? {} : { credential: options.credential },
    );
    if (editedArgs !== undefined) record.editedArgs = editedArgs.value;
    if (result.rerouted) this.registry.rememberDecision(result.rerouted.proposal.id, result.rerouted.decision);
    const response = this.response(toolCallId);
    return { result, call: this.describe(record), ...(response && { response }) };
  }

  call(toolCallId: string): OversightCall | undefined {
    const record = this.registry.find(toolCallId);
    return record && this.describe(record);
  }

  response(toolCallId: string, approvalId?: string): ToolApprovalResponse | undefined {
    const record = this.require(toolCallId);
    if (!record.needsApproval) return undefined;
    const id = approvalId ?? record.approvalId;
    if (id === undefined) throw new OversightError('unknown-approval', `no approval id is known for tool call ${toolCallId}: pass the generation's parts to approvalRequests() first, or give the approval id`);
    const call = this.describe(record);
    if (call.effect === 'wait') return undefined;
    const runs = call.view.runFacts !== undefined;
    return { type: 'tool-approval-response', approvalId: id, approved: runs, reason: call.standing };
  }

  private wrap(name: string, original: Tool): Tool {
    const execute = original.execute as Execute | undefined;
    if (typeof execute !== 'function') {
      throw new OversightError('unsupported-tool', `tool ${name} has no execute: Oversight can only gate a tool it runs (the tool's caller would run it without the gate)`);
    }
    if (original.type === 'provider') {
      throw new OversightError('unsupported-tool', `tool ${name} is a provider tool: the provider executes it, so the gate cannot authorize what runs`);
    }
    if (original.needsApproval !== undefined) {
      throw new OversightError('unsupported-tool', `tool ${name} sets needsApproval; with Oversight the policy decides whether a call needs approval: remove it`);
    }
    const toModelOutput = original.toModelOutput;
    return {
      ...original,
      needsApproval: async (input: unknown, { toolCallId }: { toolCallId: string }) => (await this.propose(name, input, toolCallId)).needsApproval,
      execute: (input: unknown, options: ToolExecutionOptions) => this.execute(name, input, options, execute),
      ...(toModelOutput && {
        toModelOutput: (part: Parameters<ToModelOutput>[0]) =>
          isOversightRefusal(part.output) ? { type: 'json' as const, value: part.output as JSONValue } : toModelOutput(part),
      }),
    };
  }

  /** Proposes a call once: later asks for the same call (the AI SDK asks again when an approval comes back) find it. */
  private async propose(toolName: string, args: unknown, toolCallId: string): Promise<CallRecord> {
    const facts = factsOf(this.mapping, toolName, args);
    const hash = factsHash(facts);
    const known = this.registry.find(toolCallId);
    if (known) return sameCall(known, toolName, args, hash);
    // No await between the look-ups and `set`: two asks for one call make one proposal.
    const inFlight = this.proposing.get(toolCallId);
    if (inFlight) return sameCall(await inFlight, toolName, args, hash);
    const proposing = this.proposeNew(toolName, args, toolCallId, facts);
    this.proposing.set(toolCallId, proposing);
    try {
      return await proposing;
    } finally {
      this.proposing.delete(toolCallId);
    }
  }

  private async proposeNew(toolName: string, args: unknown, toolCallId: string, facts: Record<string, unknown>): Promise<CallRecord> {
    const view = await this.gate.propose({ policy: this.options.policy, facts, proposer: this.options.proposer, decisionKey: decisionKeyOf(toolName, toolCallId) });
    const record: CallRecord = {
      toolCallId,
      toolName,
      args,
      facts,
      factsHash: view.proposal.factsHash,
      firstProposalId: view.proposal.id,
      needsApproval: waitsForPerson(view.proposal),
      executed: false,
    };
    return this.registry.add(record, view.decision);
  }

  /**
   * Runs the tool when the gate authorizes exactly the arguments it runs with;
   * otherwise returns a refusal and runs nothing. Synchronous when the call is
   * known (as it is after the AI SDK asked needsApproval), so a tool that
   * streams its output (an AsyncIterable) still streams.
   */
  private execute(toolName: string, input: unknown, options: ToolExecutionOptions, execute: Execute): unknown {
    const record = this.registry.find(options.toolCallId);
    // Called outside the AI SDK's loop (nobody asked needsApproval): propose first.
    if (!record) return this.propose(toolName, input, options.toolCallId).then((proposed) => this.executeKnown(proposed, toolName, input, options, execute));
    return this.executeKnown(record, toolName, input, options, execute);
  }

  private executeKnown(record: CallRecord, toolName: string, input: unknown, options: ToolExecutionOptions, execute: Execute): unknown {
    const call = this.describe(record);
    const refuse = (status: OversightRefusal['status'], reason: string): OversightRefusal => ({
      oversight: 'refused',
      toolName,
      toolCallId: record.toolCallId,
      proposalId: call.proposalId,
      route: call.route,
      status,
      reason,
    });
    if (record.toolName !== toolName || factsHash(factsOf(this.mapping, toolName, input)) !== record.factsHash) {
      return refuse('not-authorized', `the arguments differ from those proposed as tool call ${record.toolCallId}; nothing ran`);
    }
    if (record.executed) return refuse('not-authorized', `tool call ${record.toolCallId} already ran; it never runs twice`);
    if (call.view.runFacts === undefined) return refuse(call.status, call.standing);
    if (call.runArgs === undefined) {
      return refuse('not-authorized', `${call.standing}, but the edited arguments are not known to this process (the facts mapping cannot be reversed); propose the call again`);
    }
    const authorization = this.gate.authorize(call.proposalId, factsOf(this.mapping, toolName, call.runArgs));
    if (!authorization.ok) return refuse('not-authorized', authorization.message);
    record.executed = true;
    record.args ??= input;
    return execute(call.runArgs, options);
  }

  private describe(record: CallRecord): OversightCall {
    const chain = this.registry.chain(record);
    const view = this.registry.current(record);
    const proposal = view.proposal;
    const reasons = reasonsOf(proposal, this.registry.decisionOf(proposal.id));
    const runArgs = this.runArgsOf(record, view);
    return {
      toolCallId: record.toolCallId,
      toolName: record.toolName,
      ...(record.args !== undefined && { args: record.args }),
      facts: record.facts,
      proposalId: proposal.id,
      proposalIds: chain.map((link) => link.proposal.id),
      route: proposal.route,
      rules: proposal.rules,
      reasons,
      ...(proposal.reviewer !== undefined && { reviewer: proposal.reviewer }),
      ...(proposal.deadline !== undefined && { deadline: proposal.deadline }),
      ...(proposal.packet !== undefined && { packet: proposal.packet }),
      status: proposal.status,
      effect: view.effect,
      standing: standing(proposal, reasons),
      needsApproval: record.needsApproval,
      ...(record.approvalId !== undefined && { approvalId: record.approvalId }),
      ...(runArgs !== undefined && { runArgs }),
      executed: record.executed,
      view,
    };
  }

  /** The arguments whose facts are the ones the gate lets run: the model's, or an edit's. */
  private runArgsOf(record: CallRecord, view: ProposalView): unknown {
    const runFacts = view.runFacts;
    if (runFacts === undefined) return undefined;
    const allowed = factsHash(runFacts);
    if (allowed === record.factsHash) return record.args ?? (this.mapping === argumentsAsFacts ? record.facts : undefined);
    if (record.editedArgs !== undefined && factsHash(factsOf(this.mapping, record.toolName, record.editedArgs)) === allowed) return record.editedArgs;
    // Read back from the log after a restart: with the default mapping the facts are the arguments.
    return this.mapping === argumentsAsFacts ? runFacts : undefined;
  }

  private async validEdit(record: CallRecord, editedArgs: unknown): Promise<{ value: unknown }> {
    if (editedArgs === undefined) throw new OversightError('invalid-edit', `an edit of tool call ${record.toolCallId} needs editedArgs: the whole arguments as ${record.toolName} should run them`);
    const original = this.originals[record.toolName];
    const schema = original && asSchema(original.inputSchema);
    if (!schema?.validate) return { value: editedArgs };
    const validation = await schema.validate(editedArgs);
    if (!validation.success) throw new OversightError('invalid-edit', `the edited arguments do not fit ${record.toolName}'s input schema: ${validation.error.message}`);
    return { value: validation.value };
  }

  private require(toolCallId: string): CallRecord {
    const record = this.registry.find(toolCallId);
    if (!record) throw new OversightError('unknown-call', `no call ${toolCallId} of ${Object.keys(this.originals).join(', ')} was proposed to policy ${this.options.policy} through this adapter`);
    return record;
  }
}

function sameCall(record: CallRecord, toolName: string, args: unknown, hash: string): CallRecord {
  if (record.toolName !== toolName || record.factsHash !== hash) {
    throw new OversightError('call-id-reused', `tool call id ${record.toolCallId} was proposed for ${record.toolName} with other arguments; a tool call id names one call`);
  }
  record.args ??= args;
  return record;
}

/** The parts themselves, or the parts of messages (`result.response.messages`, a chat's history). */
function* partsOf(items: Iterable<unknown>): Generator<unknown> {
  for (const item of items) {
    const content = typeof item === 'object' && item !== null && 'role' in item ? (item as { content?: unknown }).content : undefined;
    if (Array.isArray(content)) yield* content as unknown[];
    else yield item;
  }
}

/** An approval request part: generateText content and stream parts carry `toolCall`, prompt messages `toolCallId`. */
function approvalRequestOf(part: unknown): { approvalId: string; toolCallId: string } | undefined {
  if (typeof part !== 'object' || part === null) return undefined;
  const candidate = part as { type?: unknown; approvalId?: unknown; toolCallId?: unknown; toolCall?: { toolCallId?: unknown } };
  if (candidate.type !== 'tool-approval-request' || typeof candidate.approvalId !== 'string') return undefined;
  const toolCallId = candidate.toolCall?.toolCallId ?? candidate.toolCallId;
  return typeof toolCallId === 'string' ? { approvalId: candidate.approvalId, toolCallId } : undefined;
}

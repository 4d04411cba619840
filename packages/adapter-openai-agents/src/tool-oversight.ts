// One tool's calls under a policy: each call is proposed to the gate once (keyed
// by the model's call id), the gate's effect decides whether the runner must
// interrupt, and the call runs only on arguments the gate authorizes — the
// model's, or a reviewer's edit that the gate approved.
import { factsHash, GateError, type Gate, type ProposalView } from '@oversight/gate';
import type { RunToolApprovalItem } from '@openai/agents';
import type { InterruptionAnswer, InterruptionAnswerResult, OversightOptions, Refusal } from './types.js';

/** Where a wrapped tool keeps its oversight (an enumerable symbol, so shallow copies of the tool keep it). */
export const OVERSIGHT = Symbol.for('@oversight/openai-agents');

/** The prefix of the decisionKey each proposal carries: `openai-agents:<tool>:<callId>`. */
const KEY_PREFIX = 'openai-agents';

interface CallRecord {
  /** The first proposal for this call; a riskier edit links further proposals to it (`reroutedTo`). */
  id: string;
  /** The arguments of the last edit a person made to this call through answerInterruption. */
  edited?: { arguments: unknown };
  ran: boolean;
}

/** What answerInterruption approves or rejects: a RunState (of any context and agent). */
export interface ApprovalTarget {
  approve(item: RunToolApprovalItem): void;
  reject(item: RunToolApprovalItem, options?: { message?: string }): void;
}

/** A wrapped tool's link to the gate: proposals per call id, the check before it runs, and the answers to its interruptions. */
export class ToolOversight<TArgs = unknown> {
  /** Set once the tool is built (the library derives it from the options). */
  toolName = '';
  private readonly calls = new Map<string, Promise<CallRecord>>();
  private readonly settledCalls = new Map<string, CallRecord>();
  /** decisionKey → first proposal id, read from the gate's log once: a run resumed after a restart finds its proposals. */
  private logIndex: Map<string, string[]> | undefined;

  constructor(
    private readonly options: OversightOptions<TArgs>,
    /** Turns raw arguments (as the model sent them, or a reviewer's edit) into the arguments the tool executes. */
    private readonly normalize: (raw: unknown) => TArgs,
  ) {}

  /** The gate this tool's calls go through. */
  get gate(): Gate {
    return this.options.gate;
  }

  /** The proposal that decides a call now (following reroutes), if the call was proposed. */
  proposal(callId: string): ProposalView | undefined {
    const record = this.settledCalls.get(callId);
    return record && this.current(record);
  }

  /** The tool's `needsApproval`: proposes the call (once per call id) and waits when the gate says wait. */
  async needsApproval(rawArgs: unknown, callId: string | undefined): Promise<boolean> {
    // Every function call the runner makes carries a call id; without one nothing can bind the answer to the call.
    if (callId === undefined) return true;
    let args: TArgs;
    try {
      args = this.normalize(rawArgs);
    } catch {
      // Arguments the tool's own schema refuses never reach its execute: the runner tells the model they are invalid.
      return false;
    }
    const record = await this.record(callId, args);
    return this.current(record).effect === 'wait';
  }

  /**
   * The tool's execution: runs `run` only when the gate lets this call run, with
   * the arguments it approved (the model's, or a person's edit), after
   * `gate.claim` accepts exactly the facts of those arguments and records the run.
   */
  async execute(args: TArgs, callId: string | undefined, run: (args: TArgs) => unknown): Promise<unknown> {
    const record = callId === undefined ? await this.propose(undefined, args) : await this.record(callId, args);
    const view = this.current(record);
    if (view.runFacts === undefined) return this.refuse(this.refusalOf(view, callId));
    const runArgs = await this.argumentsToRun(record, view, args, callId);
    if (runArgs === undefined) {
      return this.refuse({
        reason: 'not-authorized',
        callId,
        proposal: view,
        message: `${this.toolName} was not run: decision ${view.proposal.id} approved other arguments than the model's, and this process does not hold the edited arguments`,
      });
    }
    const facts = await this.factsOf(runArgs.arguments, callId);
    // Checked and set with no await between: of two executions of one call in this process, one runs.
    if (record.ran) return this.refuse({ reason: 'already-ran', callId, proposal: view, message: `${this.toolName} was not run again: call ${callId ?? ''} already ran under decision ${view.proposal.id}` });
    record.ran = true;
    // claim records the run in the log first: a gate on a shared store refuses it on every other replica too.
    const authorization = await this.options.gate.claim(view.proposal.id, facts);
    if (!authorization.ok) {
      record.ran = false;
      const reason = authorization.code === 'already-executed' ? 'already-ran' : 'not-authorized';
      return this.refuse({ reason, callId, proposal: view, message: `${this.toolName} was not run: ${authorization.message}` });
    }
    return run(runArgs.arguments);
  }

  /** The proposal an interruption of this tool waits on (proposing the call if this process has not yet). */
  async proposalFor(interruption: RunToolApprovalItem): Promise<ProposalView> {
    const callId = callIdOf(interruption);
    return this.current(await this.record(callId, this.normalize(parseArguments(interruption.arguments, this.toolName))));
  }

  /** A person's answer to this tool's interruption: through the gate, then onto the run state. */
  async answer(state: ApprovalTarget, interruption: RunToolApprovalItem, answer: InterruptionAnswer): Promise<InterruptionAnswerResult> {
    const callId = callIdOf(interruption);
    const args = this.normalize(parseArguments(interruption.arguments, this.toolName));
    const record = await this.record(callId, args);
    const waiting = this.current(record);

    let edited: { arguments: TArgs; facts: Record<string, unknown> } | undefined;
    if (answer.decision === 'edit') {
      if (answer.editedArguments === undefined) throw new GateError('edited-facts-required', `an edit of ${this.toolName} call ${callId} needs editedArguments: the whole arguments as they should run`);
      const editedArguments = this.normalize(answer.editedArguments);
      edited = { arguments: editedArguments, facts: await this.factsOf(editedArguments, callId) };
    }
    const answered = await this.options.gate.answer(
      waiting.proposal.id,
      { decision: answer.decision, reviewer: answer.reviewer, reason: answer.reason, ...(edited && { editedFacts: edited.facts }) },
      { credential: answer.credential },
    );
    if (edited) record.edited = { arguments: edited.arguments };

    const current = this.current(record);
    if (current.runFacts !== undefined && (current.effect === 'run' || current.effect === 'run-edited')) {
      const runArgs = await this.argumentsToRun(record, current, args, callId);
      state.approve(interruption);
      return { status: edited ? 'edited' : 'approved', answer: answered, current, ...(runArgs && { arguments: runArgs.arguments }) };
    }
    if (current.effect === 'wait') return { status: answered.rerouted ? 'rerouted' : 'waiting', answer: answered, current };
    state.reject(interruption, { message: this.refusalOf(current, callId).message });
    return { status: 'rejected', answer: answered, current };
  }

  private record(callId: string, args: TArgs): Promise<CallRecord> {
    let pending = this.calls.get(callId);
    if (!pending) {
      pending = this.propose(callId, args).then(
        (record) => {
          this.settledCalls.set(callId, record);
          return record;
        },
        (error: unknown) => {
          this.calls.delete(callId);
          throw error;
        },
      );
      this.calls.set(callId, pending);
    }
    return pending;
  }

  private async propose(callId: string | undefined, args: TArgs): Promise<CallRecord> {
    const facts = await this.factsOf(args, callId);
    const decisionKey = callId === undefined ? undefined : `${KEY_PREFIX}:${this.toolName}:${callId}`;
    const fromLog = decisionKey === undefined ? undefined : this.fromLog(decisionKey, factsHash(facts));
    if (fromLog !== undefined) return { id: fromLog, ran: false };
    const view = await this.options.gate.propose({ policy: this.options.policy, facts, proposer: this.options.proposer, ...(decisionKey !== undefined && { decisionKey }) });
    return { id: view.proposal.id, ran: false };
  }

  /** A proposal this call made before this process started (a run resumed after a restart), if any. */
  private fromLog(decisionKey: string, hash: string): string | undefined {
    if (!this.logIndex) {
      this.logIndex = new Map();
      for (const proposal of this.options.gate.proposals()) {
        if (proposal.linkedTo !== undefined || !proposal.decisionKey?.startsWith(`${KEY_PREFIX}:`)) continue;
        this.logIndex.set(proposal.decisionKey, [...(this.logIndex.get(proposal.decisionKey) ?? []), proposal.id]);
      }
    }
    return this.logIndex.get(decisionKey)?.find((id) => this.options.gate.get(id)?.proposal.factsHash === hash);
  }

  /** The proposal at the end of the call's reroute chain. */
  private current(record: CallRecord): ProposalView {
    let view = this.options.gate.get(record.id);
    for (let hops = 0; view?.proposal.reroutedTo !== undefined && hops < 100; hops++) view = this.options.gate.get(view.proposal.reroutedTo);
    if (!view) throw new GateError('not-found', `decision ${record.id} of ${this.toolName} is not in the gate's log`);
    return view;
  }

  /**
   * The arguments whose facts are the ones the gate lets run: a person's edit,
   * else the model's own. After a restart the edit is known only as facts; with
   * the default mapping (arguments = facts) those are the arguments.
   */
  private async argumentsToRun(record: CallRecord, view: ProposalView, modelArgs: TArgs, callId: string | undefined): Promise<{ arguments: TArgs } | undefined> {
    const allowed = factsHash(view.runFacts ?? {});
    const candidates: TArgs[] = [...(record.edited ? [record.edited.arguments as TArgs] : []), modelArgs];
    for (const candidate of candidates) if (factsHash(await this.factsOf(candidate, callId)) === allowed) return { arguments: candidate };
    if (this.options.facts === undefined && view.runFacts !== undefined) return { arguments: this.normalize(view.runFacts) };
    return undefined;
  }

  private async factsOf(args: TArgs, callId: string | undefined): Promise<Record<string, unknown>> {
    if (this.options.facts) return this.options.facts(args, { toolName: this.toolName, callId });
    if (args === null || typeof args !== 'object' || Array.isArray(args)) {
      throw new TypeError(`${this.toolName}: the default facts are the tool's arguments object, but its input is ${args === null ? 'null' : typeof args}; give withOversight a facts mapping`);
    }
    return args as Record<string, unknown>;
  }

  private refusalOf(view: ProposalView, callId: string | undefined): Refusal {
    const { proposal } = view;
    const base = { toolName: this.toolName, callId, proposal: view };
    const by = proposal.outcome?.reviewerId ? ` by ${proposal.outcome.reviewerId} (${proposal.outcome.reviewer ?? 'reviewer'})` : '';
    const reason = proposal.outcome?.reason ? `: ${proposal.outcome.reason}` : '';
    switch (proposal.status) {
      case 'denied':
        return { ...base, reason: 'denied', message: `${this.toolName} was not run: policy ${proposal.policy.name} denies it${proposal.rules.length > 0 ? ` (rules matched: ${proposal.rules.join(', ')})` : ''}` };
      case 'rejected':
        return { ...base, reason: 'rejected', message: `${this.toolName} was not run: rejected${by}${reason}` };
      case 'expired':
        return { ...base, reason: 'expired', message: `${this.toolName} was not run: nobody answered decision ${proposal.id} before ${proposal.deadline ?? 'its deadline'}` };
      case 'pending':
        return { ...base, reason: 'waiting', message: `${this.toolName} was not run: decision ${proposal.id} waits for ${proposal.reviewer ?? 'a reviewer'} to approve it in the gate` };
      default:
        return { ...base, reason: proposal.outcome?.decision === 'edited' ? 'edited' : 'rejected', message: `${this.toolName} was not run: decision ${proposal.id} is ${proposal.status}${by}${reason}` };
    }
  }

  private refuse(refusal: Omit<Refusal, 'toolName'>): unknown {
    const full: Refusal = { toolName: this.toolName, ...refusal };
    return this.options.refusal ? this.options.refusal(full) : full.message;
  }
}

/** The oversight of a tool wrapped by withOversight, if it is one. */
export function oversightOf(tool: unknown): ToolOversight | undefined {
  if (tool === null || typeof tool !== 'object') return undefined;
  const oversight = (tool as { [OVERSIGHT]?: unknown })[OVERSIGHT];
  return oversight instanceof ToolOversight ? (oversight as ToolOversight) : undefined;
}

function callIdOf(interruption: RunToolApprovalItem): string {
  const raw = interruption.rawItem;
  if (raw.type !== 'function_call') throw new TypeError(`interruption ${raw.type} is not a function tool call: only function tools are under oversight`);
  return raw.callId;
}

function parseArguments(text: string | undefined, toolName: string): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new TypeError(`${toolName}: the model's arguments are not JSON, so nobody can approve them; the run reports the parse error once the interruption is rejected`);
  }
}

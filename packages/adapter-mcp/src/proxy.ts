// The proxy: an MCP server in front of a real one. tools/list passes through;
// each tools/call is proposed to the gate and forwarded only as the gate says,
// with exactly the facts it authorized.
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { CallToolRequestSchema, ErrorCode, ListToolsRequestSchema, McpError } from '@modelcontextprotocol/sdk/types.js';
import type { CallToolRequest, CallToolResult, ListToolsRequest, ListToolsResult, ServerNotification, ServerRequest, Tool } from '@modelcontextprotocol/sdk/types.js';
import type { RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js';
import { factsHash, GateError, type AnswerInput, type AnswerResult, type Proposal, type ProposalView } from '@oversight/gate';
import { defaultFacts, defaultToolCall, TOOL_FACT } from './default-mapping.js';
import { heldCallsOf, type HeldCalls } from './held-calls.js';
import { decisionMeta, deniedResult, errorResult, notRunResult, pendingResult, PROPOSAL_ARGUMENT, withDecision, withEditNote, type RetryHow } from './results.js';
import type { Facts, FactsMapping, OversightProxyOptions, ToolCall, ToolCallAnswer, ToolCallMapping } from './types.js';

type Extra = RequestHandlerExtra<ServerRequest, ServerNotification>;

/** The default name of the tool the proxy adds in retry mode `status-tool`. */
export const STATUS_TOOL_NAME = 'oversight_status';

/** How often a waiting call sends a progress notification, when its client asked for progress. */
const HEARTBEAT_MS = 10_000;
const HELD_ROUTES: readonly string[] = ['approve_before', 'escalate'];

/**
 * An MCP server in front of `upstream` that routes every `tools/call` by the
 * policy. Connect it to any server transport (stdio, Streamable HTTP, in-memory);
 * create one a connection (or session), all over the same gate.
 */
export function createOversightProxy(options: OversightProxyOptions): OversightProxy {
  return new OversightProxy(options);
}

export class OversightProxy extends Server {
  private readonly tools = new Map<string, Tool>();
  private readonly held: HeldCalls;
  private readonly toFacts: FactsMapping;
  private readonly toCall: ToolCallMapping;
  private readonly retry: RetryHow;

  constructor(private readonly options: OversightProxyOptions) {
    const upstreamInstructions = options.upstream.getInstructions();
    super(options.serverInfo ?? { name: 'oversight-mcp-proxy', version: '0.1.0' }, {
      capabilities: { tools: {} },
      ...(upstreamInstructions !== undefined && { instructions: upstreamInstructions }),
    });
    if (options.hold.mode === 'wait' && !(options.hold.timeoutMs >= 0)) throw new RangeError('hold.timeoutMs must be a number of milliseconds, 0 or more');
    this.held = heldCallsOf(options.gate);
    this.toFacts = options.facts ?? defaultFacts;
    this.toCall = options.toolCall ?? ((facts) => this.defaultToolCall(facts));
    this.retry = { mode: options.retry ?? 'status-tool', statusToolName: options.statusToolName ?? STATUS_TOOL_NAME };
    this.setRequestHandler(ListToolsRequestSchema, (request, extra) => this.listTools(request.params, extra));
    this.setRequestHandler(CallToolRequestSchema, (request, extra) => this.callTool(request.params, extra));
  }

  /**
   * Answers a held call through the gate (`gate.answer`), and wakes the calls
   * waiting for it at once. An edit may be given as the call's arguments
   * (`editedArguments`): they are mapped to facts by the proxy's facts mapping.
   */
  async answer(id: string, answer: ToolCallAnswer, context?: { credential?: unknown }): Promise<AnswerResult> {
    const { editedArguments, ...rest } = answer;
    let input: AnswerInput = rest;
    if (editedArguments !== undefined) {
      const view = this.options.gate.get(id);
      if (!view) throw new GateError('not-found', `no decision ${id} in this gate's log`);
      const call = await this.callOf(view.proposal);
      input = { ...rest, editedFacts: await this.toFacts(call.name, editedArguments) };
    }
    try {
      return await this.options.gate.answer(id, input, context);
    } finally {
      this.held.wake();
    }
  }

  /** The calls this proxy's policy and proposer hold for a person, oldest first. */
  pending(): ProposalView[] {
    return this.options.gate.open().filter((view) => this.owns(view.proposal) && view.effect === 'wait');
  }

  /** The tool call a proposal stands for: as the client sent it while the proxy holds it, else rebuilt from its facts. */
  async callOf(proposal: Proposal): Promise<ToolCall> {
    return this.held.calls.get(proposal.id) ?? (await this.toCall(proposal.facts));
  }

  /** The default inverse mapping needs the tool's inputSchema: listed by the client already, or fetched now. */
  private async defaultToolCall(facts: Facts): Promise<ToolCall> {
    const name = facts[TOOL_FACT];
    if (typeof name === 'string' && !this.tools.has(name)) {
      let cursor: string | undefined;
      do {
        const page = await this.options.upstream.listTools(cursor === undefined ? undefined : { cursor });
        for (const tool of page.tools) this.tools.set(tool.name, tool);
        cursor = page.nextCursor;
      } while (cursor !== undefined);
    }
    return defaultToolCall(facts, (toolName) => this.tools.get(toolName));
  }

  private async listTools(params: ListToolsRequest['params'], extra: Extra): Promise<ListToolsResult> {
    const result = await this.options.upstream.listTools(params, { signal: extra.signal });
    for (const tool of result.tools) this.tools.set(tool.name, tool);
    if (this.retry.mode !== 'status-tool' || result.nextCursor !== undefined) return result;
    if (result.tools.some((tool) => tool.name === this.retry.statusToolName)) {
      throw new McpError(ErrorCode.InternalError, `the upstream server has a tool named ${this.retry.statusToolName}, the name of the proxy's status tool: configure statusToolName`);
    }
    return { ...result, tools: [...result.tools, this.statusTool()] };
  }

  private statusTool(): Tool {
    return {
      name: this.retry.statusToolName,
      title: 'Oversight: held tool call',
      description:
        'Check a tool call that is waiting for a person to approve it. Pass the proposalId from the "Approval pending" result. ' +
        'Once the call is approved this runs it, exactly as approved, and returns its result; otherwise it says whether the call is still waiting, ' +
        'or was rejected (and why), expired or denied.',
      inputSchema: { type: 'object', properties: { proposalId: { type: 'string', description: 'The proposal id from the "Approval pending" result.' } }, required: ['proposalId'] },
      annotations: { readOnlyHint: false, openWorldHint: false },
    };
  }

  private async callTool(params: CallToolRequest['params'], extra: Extra): Promise<CallToolResult> {
    const args = params.arguments ?? {};
    if (this.retry.mode === 'status-tool' && params.name === this.retry.statusToolName) {
      if (typeof args.proposalId !== 'string') return errorResult(`${this.retry.statusToolName} needs {"proposalId": "<id from the Approval pending result>"}`);
      return this.resume(args.proposalId, undefined, extra);
    }
    if (Object.hasOwn(args, PROPOSAL_ARGUMENT)) {
      const { [PROPOSAL_ARGUMENT]: id, ...rest } = args;
      if (typeof id !== 'string') return errorResult(`${PROPOSAL_ARGUMENT} must be the proposal id (a string) from the Approval pending result`);
      return this.resume(id, { name: params.name, arguments: rest }, extra);
    }
    return this.propose({ name: params.name, arguments: args }, extra);
  }

  /** A new call: the gate decides, and the call runs, waits or is dropped. */
  private async propose(call: ToolCall, extra: Extra): Promise<CallToolResult> {
    let facts: Facts;
    try {
      facts = await this.toFacts(call.name, call.arguments);
    } catch (error) {
      return errorResult(`Oversight could not turn this ${call.name} call into facts for its policy, so it was not run: ${messageOf(error)}`);
    }
    let view: ProposalView;
    try {
      view = await this.options.gate.propose({ policy: this.options.policy, facts, proposer: this.options.proposer });
    } catch (error) {
      return errorResult(`Oversight could not record this ${call.name} call, so it was not run: ${messageOf(error)}`);
    }
    // By route, not effect: a person may answer before propose returns, and the view shows that answer.
    const route = view.proposal.route;
    if (route === 'auto' || route === 'review_after') {
      // review_after: the review stays queued in the gate.
      const authorization = await this.options.gate.claim(view.proposal.id, facts);
      if (!authorization.ok) return errorResult(`${call.name} was not run: ${authorization.message}`, decisionMeta(view));
      const result = await this.options.upstream.callTool(call, undefined, { signal: extra.signal });
      return withDecision(asCallToolResult(result), decisionMeta(view));
    }
    if (HELD_ROUTES.includes(route)) {
      this.held.calls.set(view.proposal.id, call);
      return this.settle(await this.waitIfAsked(this.follow(view), extra), undefined);
    }
    return deniedResult(call.name, view);
  }

  /** The client came back for a held call (status tool, or the call resent with its proposal id). */
  private async resume(id: string, requested: ToolCall | undefined, extra: Extra): Promise<CallToolResult> {
    const view = this.options.gate.get(id);
    if (!view || !this.owns(view.proposal)) return errorResult(`No tool call held under proposal ${id} here. Check the id in the Approval pending result.`);
    if (!HELD_ROUTES.includes(view.proposal.route)) {
      const name = requested?.name ?? (await this.describe(view.proposal)).name;
      if (view.proposal.status === 'denied') return deniedResult(name, view);
      return errorResult(`Proposal ${id} was not held: ${name} ran when it was called (${view.proposal.route}); it does not run again.`, decisionMeta(view));
    }
    return this.settle(await this.waitIfAsked(this.follow(view), extra), requested);
  }

  /** Follows edits that were routed into new proposals, to the one that decides. */
  private follow(view: ProposalView): ProposalView {
    let current = view;
    for (let step = 0; step < 100 && current.effect === 'rerouted' && current.proposal.reroutedTo !== undefined; step++) {
      const next = this.options.gate.get(current.proposal.reroutedTo);
      if (!next) break;
      current = next;
    }
    return current;
  }

  /** In hold mode `wait`, waits for the answer up to the limit. */
  private async waitIfAsked(view: ProposalView, extra: Extra): Promise<ProposalView> {
    const hold = this.options.hold;
    if (hold.mode !== 'wait' || view.effect !== 'wait') return view;
    const until = Date.now() + hold.timeoutMs;
    const progressToken = extra._meta?.progressToken;
    let beats = 0;
    let nextBeat = 0;
    let current = view;
    while (current.effect === 'wait' && !extra.signal.aborted) {
      const now = Date.now();
      if (now >= until) break;
      if (progressToken !== undefined && now >= nextBeat) {
        nextBeat = now + HEARTBEAT_MS;
        const message = `waiting for ${current.proposal.reviewer ?? 'a person'} to approve (proposal ${current.proposal.id})`;
        extra.sendNotification({ method: 'notifications/progress', params: { progressToken, progress: ++beats, message } }).catch(() => undefined);
      }
      await this.held.sleep(Math.min(hold.pollMs ?? 250, until - now, nextBeat > now ? nextBeat - now : HEARTBEAT_MS), extra.signal);
      current = this.follow(this.options.gate.get(current.proposal.id) ?? current);
    }
    return current;
  }

  /**
   * The gate applies an answer before it is durable (so a concurrent answer sees
   * it) and refuses to authorize until it is: a held call acts on an answer only
   * once it is in the log. The wait is the log's fsync.
   */
  private async durable(view: ProposalView): Promise<ProposalView> {
    let current = view;
    while (isNotDurable(this.options.gate.authorize(current.proposal.id, {}))) {
      await this.held.sleep(5);
      current = this.follow(this.options.gate.get(current.proposal.id) ?? current);
    }
    return current;
  }

  /** A held call after the wait: still pending, runs now as approved, or will not run. */
  private async settle(answered: ProposalView, requested: ToolCall | undefined): Promise<CallToolResult> {
    const view = await this.durable(answered);
    const root = this.rootOf(view.proposal);
    const sent = this.held.calls.get(root.id);
    if (view.effect === 'wait') return pendingResult(requested ?? sent ?? (await this.describe(root)), view, this.retry);
    if (view.proposal.status !== 'approved' || (view.effect !== 'run' && view.effect !== 'run-edited')) {
      this.held.calls.delete(root.id);
      return notRunResult(requested?.name ?? sent?.name ?? (await this.describe(root)).name, view);
    }
    const id = view.proposal.id;
    const ran = this.held.runs.get(id);
    if (ran && !requested) return ran;
    let call: ToolCall | CallToolResult;
    try {
      call = await this.approvedCall(view, root, requested);
    } catch (error) {
      return errorResult(`The approved call could not be rebuilt from its facts, so nothing was run: ${messageOf(error)}`, decisionMeta(view));
    }
    if ('content' in call) return call;
    // Checked again after the awaits above: of two concurrent requests, one runs the call and both get its result.
    let run = this.held.runs.get(id);
    if (!run) {
      run = this.run(view, root, call);
      this.held.runs.set(id, run);
    }
    return run;
  }

  /**
   * The call an approval runs: the call as the client sent (or resent) it, or
   * rebuilt from the approved facts when a reviewer edited it, and only when
   * its facts are exactly the ones the gate authorizes. Else why not, as a result.
   */
  private async approvedCall(view: ProposalView, root: Proposal, requested: ToolCall | undefined): Promise<ToolCall | CallToolResult> {
    const meta = decisionMeta(view);
    const approved = factsHash(view.runFacts ?? {});
    const sent = this.held.calls.get(root.id);
    let call: ToolCall;
    if (requested) {
      const resent = factsHash(await this.toFacts(requested.name, requested.arguments));
      if (resent !== approved && resent !== root.factsHash) {
        return errorResult(`These arguments are not the call proposal ${root.id} was made for, so nothing was run. Resend the call exactly as first sent, with ${PROPOSAL_ARGUMENT}.`, meta);
      }
      call = resent === approved ? requested : await this.toCall(view.runFacts ?? {});
    } else {
      call = sent && approved === root.factsHash ? sent : await this.toCall(view.runFacts ?? {});
    }
    const original = sent ?? requested;
    if (original && call.name !== original.name) {
      return errorResult(`The approved facts describe a call to ${call.name}, not ${original.name}; an approval may change a call's arguments, not its tool. Nothing was run.`, meta);
    }
    // claim records the run before it is forwarded: an approval runs once, across restarts and replicas.
    const authorization = await this.options.gate.claim(view.proposal.id, await this.toFacts(call.name, call.arguments));
    if (!authorization.ok) return errorResult(`${call.name} was approved but not run: ${authorization.message}`, meta);
    return call;
  }

  /** Forwards an approved call. Not cancelled with the client's request: an approved action, once started, finishes. */
  private async run(view: ProposalView, root: Proposal, call: ToolCall): Promise<CallToolResult> {
    const meta = decisionMeta(view);
    try {
      const result = withDecision(asCallToolResult(await this.options.upstream.callTool(call)), meta);
      return factsHash(view.runFacts ?? {}) === root.factsHash ? result : withEditNote(result, call, this.editReason(view.proposal));
    } catch (error) {
      return errorResult(`The approved call failed and is not retried (propose it again if it is still needed): ${messageOf(error)}`, meta);
    } finally {
      this.held.calls.delete(root.id);
    }
  }

  /** The call a proposal stands for, or a placeholder to name it by when its facts cannot be turned back into one. */
  private async describe(proposal: Proposal): Promise<ToolCall> {
    return this.callOf(proposal).catch(() => ({ name: 'the call', arguments: {} }));
  }

  private editReason(proposal: Proposal): string | undefined {
    if (proposal.outcome?.decision === 'edited') return proposal.outcome.reason;
    const from = proposal.linkedTo === undefined ? undefined : this.options.gate.get(proposal.linkedTo);
    return from?.proposal.outcome?.reason;
  }

  /** The first proposal of a chain of edits: the one the client's call made. */
  private rootOf(proposal: Proposal): Proposal {
    let current = proposal;
    for (let step = 0; step < 100 && current.linkedTo !== undefined; step++) {
      const previous = this.options.gate.get(current.linkedTo);
      if (!previous) break;
      current = previous.proposal;
    }
    return current;
  }

  private owns(proposal: Proposal): boolean {
    return proposal.policy.name === this.options.policy && proposal.proposer?.id === this.options.proposer.id;
  }
}

/** The SDK types a result of an old protocol version as `{ toolResult }`; the proxy passes results on in the current shape. */
function asCallToolResult(result: Awaited<ReturnType<OversightProxyOptions['upstream']['callTool']>>): CallToolResult {
  if ('content' in result) return result as CallToolResult;
  return { content: [{ type: 'text', text: JSON.stringify(result.toolResult) }] };
}

function isNotDurable(authorization: ReturnType<OversightProxyOptions['gate']['authorize']>): boolean {
  return !authorization.ok && authorization.code === 'not-durable';
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

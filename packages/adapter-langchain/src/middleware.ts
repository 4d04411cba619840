// The middleware: after each model call it proposes every governed tool call to
// the gate and puts the ones the policy holds to a person (a LangGraph
// interrupt); just before a tool runs it asks the gate to authorize exactly the
// arguments that run. The routing is the policy's, through the gate; nothing here
// decides who approves what.
import { AIMessage, type BaseMessage, type ToolCall, ToolMessage } from '@langchain/core/messages';
import type { ClientTool, ServerTool } from '@langchain/core/tools';
import { createMiddleware, type AgentMiddleware } from 'langchain';
import type { AnswerContext } from './answer-decision.js';
import { decisionKey, registryOf, type ProposalRegistry } from './decision-keys.js';
import { resolveOptions, type OversightMiddlewareOptions, type ResolvedOptions } from './options.js';
import { refusalMessage } from './refusal.js';
import { waitsWhenProposed, type GovernedCall, type ReviewItem } from './review-item.js';
import { reviewRounds } from './review-rounds.js';

/** What {@link oversightMiddleware} returns: a LangChain middleware with no state or context schema of its own. */
export type OversightMiddleware = AgentMiddleware<undefined, undefined, unknown, readonly (ClientTool | ServerTool)[], readonly []>;

/**
 * Oversight for a LangChain v1 agent (`createAgent({ middleware: [oversightMiddleware(...)] })`).
 *
 * Each tool call the model makes is proposed to the gate under `policy`, with
 * `facts(toolCall)` as its facts, and the gate's effect decides:
 * - `auto`: the call runs;
 * - `review_after`: the call runs and its review waits in the gate's queue;
 * - `approve_before`, `escalate`: the agent stops with an interrupt whose value is
 *   an {@link OversightRequest} (LangChain's HITLRequest with the proposal id,
 *   route, reasons and packet); resume with `new Command({ resume: OversightResponse })`:
 *   approve, edit (the edited arguments are evaluated again by the policy) or reject
 *   (with a reason), each through `gate.answer`;
 * - `deny`: the call never runs; a ToolMessage tells the model why.
 *
 * A call runs only if `gate.authorize` accepts the facts of exactly the arguments
 * it runs with, checked again just before the tool executes. The agent needs a
 * checkpointer (and a `thread_id`) for the interrupts.
 */
export function oversightMiddleware(options: OversightMiddlewareOptions): OversightMiddleware {
  const resolved = resolveOptions(options);
  const registry = registryOf(resolved.gate);
  const context: AnswerContext = { gate: resolved.gate, factsOf: resolved.factsOf, reviewer: resolved.reviewer };

  return createMiddleware({
    name: resolved.name,
    afterModel: {
      canJumpTo: ['model'],
      hook: async (state, runtime) => {
        const at = lastAIMessageIndex(state.messages);
        const message = state.messages[at];
        if (message === undefined || !AIMessage.isInstance(message) || !message.tool_calls?.length) return undefined;
        // Calls another middleware already answered (a ToolMessage after the model's message) are not ours to run.
        const answered = new Set(state.messages.slice(at + 1).flatMap((m) => (ToolMessage.isInstance(m) ? [m.tool_call_id] : [])));
        const calls = message.tool_calls.map((call, index) => withId(call, message.id, index));
        const governed = calls.flatMap((call, index) => (resolved.governs(call.name) && !answered.has(call.id) ? [index] : []));
        if (governed.length === 0) return undefined;

        const threadId = runtime.configurable?.thread_id;
        const start: ReviewItem[] = [];
        for (const index of governed) start.push(await propose(resolved, registry, decisionKey(threadId, message.id, calls[index]!.id), calls[index]!));
        const ended = await reviewRounds(context, start);

        const refusals: ToolMessage[] = [];
        for (const [position, index] of governed.entries()) {
          const item = ended[position]!;
          const authorization = resolved.gate.authorize(item.view.proposal.id, resolved.factsOf(item.call));
          if (authorization.ok) calls[index] = item.call;
          else refusals.push(refusalMessage(item.call, resolved.gate.get(item.view.proposal.id) ?? item.view, authorization.message));
        }
        const nothingToRun = calls.every((call) => answered.has(call.id) || refusals.some((refusal) => refusal.tool_call_id === call.id));
        return {
          messages: [withToolCalls(message, calls), ...refusals],
          // Nothing left to run: the model hears why (as with LangChain's own rejections).
          ...(nothingToRun && { jumpTo: 'model' as const }),
        };
      },
    },
    wrapToolCall: async (request, handler) => {
      const call = request.toolCall;
      if (!resolved.governs(call.name)) return handler(request);
      const governedCall: GovernedCall = { ...call, id: call.id ?? '' };
      if (call.id === undefined) return refusalMessage(governedCall, undefined, 'the call has no id, so no oversight decision can be matched to it');
      const message = aiMessageWithCall(request.state.messages, call.id);
      const view = registry.current(decisionKey(request.runtime.configurable?.thread_id, message?.id, call.id));
      if (view === undefined) return refusalMessage(governedCall, undefined, 'no oversight decision covers this call (it did not pass the model step this middleware reviews)');
      // claim records the run before the tool runs: a call runs once, across restarts and replicas.
      const authorization = await resolved.gate.claim(view.proposal.id, resolved.factsOf(call));
      if (!authorization.ok) return refusalMessage(governedCall, view, authorization.message);
      return handler(request);
    },
  });
}

/** Proposes the call once: a node run again after an interrupt finds the proposal it made before. */
async function propose(options: ResolvedOptions, registry: ProposalRegistry, key: string, call: GovernedCall): Promise<ReviewItem> {
  const existing = registry.original(key);
  if (existing !== undefined) return { call, view: existing, waiting: waitsWhenProposed(existing.proposal) };
  const view = await options.gate.propose({ policy: options.policy, facts: options.factsOf(call), proposer: options.proposerOf(call), decisionKey: key });
  registry.remember(key, view.proposal.id);
  return { call, view, waiting: view.effect === 'wait' };
}

function lastAIMessageIndex(messages: readonly BaseMessage[]): number {
  for (let index = messages.length - 1; index >= 0; index--) {
    const message = messages[index];
    if (message !== undefined && AIMessage.isInstance(message)) return index;
  }
  return -1;
}

function aiMessageWithCall(messages: readonly BaseMessage[], toolCallId: string): AIMessage | undefined {
  for (let index = messages.length - 1; index >= 0; index--) {
    const message = messages[index];
    if (message !== undefined && AIMessage.isInstance(message) && message.tool_calls?.some((call) => call.id === toolCallId)) return message;
  }
  return undefined;
}

/** A call without an id gets one derived from its message and place, the same each time the node runs. */
function withId(call: ToolCall, messageId: string | undefined, index: number): GovernedCall {
  return call.id !== undefined && call.id !== '' ? { ...call, id: call.id } : { ...call, id: `${messageId ?? 'message'}-call-${index}` };
}

/** The model's message with the calls as they will run (edited arguments, ids), same id so it replaces the original. */
function withToolCalls(message: AIMessage, calls: readonly GovernedCall[]): AIMessage {
  return new AIMessage({
    id: message.id,
    name: message.name,
    content: message.content,
    additional_kwargs: message.additional_kwargs,
    response_metadata: message.response_metadata,
    ...(message.usage_metadata !== undefined && { usage_metadata: message.usage_metadata }),
    ...(message.invalid_tool_calls !== undefined && { invalid_tool_calls: message.invalid_tool_calls }),
    tool_calls: calls.map((call) => ({ ...call, type: 'tool_call' as const })),
  });
}

// What a caller configures: the gate, the policy that routes the agent's tool
// calls, how a tool call becomes the policy's facts, and who proposes.
import type { ToolCall } from '@langchain/core/messages';
import type { Gate, Proposer, Reviewer } from '@oversight/gate';

/** Maps a tool call (name and arguments) to the facts the policy routes on. */
export type FactsOf = (toolCall: ToolCall) => Record<string, unknown>;

export interface OversightMiddlewareOptions {
  /** The review loop every governed tool call goes through (`createGate` from `@oversight/gate`). */
  gate: Gate;
  /** metadata.name of the enforced policy that routes these tool calls, e.g. `support-refunds`. */
  policy: string;
  /**
   * The policy's facts for a tool call. Default: the call's arguments as they
   * are. An approval binds exactly these facts: arguments this mapping leaves out
   * are not part of what a person approved.
   */
  facts?: FactsOf;
  /** The agent proposing the calls (a person never approves an action they proposed), or a function of the call. */
  proposer: Proposer | ((toolCall: ToolCall) => Proposer);
  /** Names of the tools this middleware governs. Default: every tool call the model makes. */
  tools?: readonly string[];
  /**
   * Who answers when a resume payload names nobody (neither the decision nor the
   * response carries `reviewer`), e.g. the one operator of a console. With an
   * identity verifier on the gate, pass `credential` in the resume payload instead.
   */
  reviewer?: Reviewer;
  /** The middleware's name in the agent graph. Default `OversightMiddleware`. */
  name?: string;
}

/** The arguments as facts: the default mapping. */
export const argsAsFacts: FactsOf = (toolCall) => ({ ...toolCall.args });

export interface ResolvedOptions {
  gate: Gate;
  policy: string;
  factsOf: FactsOf;
  proposerOf: (toolCall: ToolCall) => Proposer;
  governs: (toolName: string) => boolean;
  reviewer: Reviewer | undefined;
  name: string;
}

export function resolveOptions(options: OversightMiddlewareOptions): ResolvedOptions {
  if (options === null || typeof options !== 'object') throw new TypeError('oversightMiddleware takes { gate, policy, proposer, facts?, tools?, reviewer? }');
  if (options.gate === null || typeof options.gate !== 'object') throw new TypeError('oversightMiddleware needs gate: the review loop from createGate');
  if (typeof options.policy !== 'string' || options.policy === '') throw new TypeError('oversightMiddleware needs policy: the metadata.name of an enforced policy');
  const { proposer } = options;
  if (proposer === null || (typeof proposer !== 'object' && typeof proposer !== 'function')) {
    throw new TypeError('oversightMiddleware needs proposer: { id } of the agent proposing the calls, so nobody approves their own action');
  }
  const tools = options.tools === undefined ? undefined : new Set(options.tools);
  return {
    gate: options.gate,
    policy: options.policy,
    factsOf: options.facts ?? argsAsFacts,
    proposerOf: typeof proposer === 'function' ? proposer : () => proposer,
    governs: (toolName) => tools === undefined || tools.has(toolName),
    reviewer: options.reviewer,
    name: options.name ?? 'OversightMiddleware',
  };
}

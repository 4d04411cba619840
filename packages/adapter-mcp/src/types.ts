// The shapes the proxy is configured with: how a tools/call becomes facts and
// back, how long a held call waits, and how the client comes back for it.
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { AnswerInput, Gate, Proposer } from '@oversight/gate';

/** Facts for the policy: what the gate decides on and binds an approval to. */
export type Facts = Record<string, unknown>;

/** One MCP `tools/call`: the tool's name and its arguments. */
export interface ToolCall {
  name: string;
  arguments: Record<string, unknown>;
}

/**
 * Maps a `tools/call` to the policy's facts. The gate binds an approval to these
 * facts (their sha256), and the proxy forwards a call only when the facts it
 * computes for exactly the arguments it forwards are the approved ones, so the
 * mapping must keep every argument that matters: an argument it drops could
 * change between the approval and the call. It may be async (e.g. to resolve
 * paths on disk) and may throw: the call is then not forwarded.
 */
export type FactsMapping = (toolName: string, args: Record<string, unknown>) => Facts | Promise<Facts>;

/**
 * The call a set of facts describes: the inverse of {@link FactsMapping}. The
 * proxy uses it to run a call a reviewer edited (the edit is facts), and to
 * run an approved call it no longer holds in memory (after a restart). The
 * result is checked: its facts must be exactly the approved facts.
 */
export type ToolCallMapping = (facts: Facts) => ToolCall | Promise<ToolCall>;

/**
 * What a call held for a person does:
 * - `wait`: the `tools/call` waits for the answer, up to `timeoutMs`; an
 *   approved call then runs and its result is the reply; past the limit the
 *   reply is an "approval pending" result, as in `pending`;
 * - `pending`: the reply is at once an "approval pending" result naming the
 *   proposal; the client comes back for it (see {@link RetryMode}).
 *
 * A waiting call reads the gate every `pollMs` (default 250), and at once when
 * the answer goes through the proxy's `answer`.
 */
export type HoldMode = { mode: 'wait'; timeoutMs: number; pollMs?: number } | { mode: 'pending' };

/**
 * How a client comes back for a held call:
 * - `status-tool` (the default): the proxy adds one tool, `oversight_status`
 *   (`{ proposalId }`), to the upstream list; once the call is approved it runs
 *   the call exactly as approved and returns its result;
 * - `resend`: the tool list stays exactly the upstream one; the client calls
 *   the same tool again with the same arguments plus `_oversightProposal: <id>`.
 *
 * Either way a call carrying `_oversightProposal` resumes that proposal.
 */
export type RetryMode = 'status-tool' | 'resend';

export interface OversightProxyOptions {
  /** A client connected to the real MCP server. */
  upstream: Client;
  gate: Gate;
  /** metadata.name of the enforced policy the gate routes tool calls by. */
  policy: string;
  /** Tool name and arguments to facts. Default: `{ tool: <name>, ...arguments }`. */
  facts?: FactsMapping;
  /**
   * Facts back to a call. Default: the `tool` fact is the name and the other
   * facts are the arguments, keeping only those the tool's inputSchema lists
   * under `properties` when it lists them (so facts a mapping derived are dropped).
   */
  toolCall?: ToolCallMapping;
  /** Who proposes: the agent behind this MCP connection. */
  proposer: Proposer;
  hold: HoldMode;
  /** Default `status-tool`. */
  retry?: RetryMode;
  /** The name of the added status tool. Default `oversight_status`. */
  statusToolName?: string;
  /** The proxy's own serverInfo. Default `{ name: 'oversight-mcp-proxy', version: '0.1.0' }`. */
  serverInfo?: { name: string; version: string };
}

/** A person's answer to a held call: the gate's answer, with the edit given as tool arguments if preferred. */
export interface ToolCallAnswer extends AnswerInput {
  /**
   * For `edit`: the call's arguments as they should run (the tool stays the
   * same). The proxy maps them to facts with its facts mapping, so derived
   * facts stay consistent with the arguments; `editedFacts` is then ignored.
   */
  editedArguments?: Record<string, unknown>;
}

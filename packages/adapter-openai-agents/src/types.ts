// The shapes the adapter takes and gives: how a tool is put under a policy, and
// what a person's answer to an interruption did.
import type { AnswerDecision, AnswerResult, Gate, ProposalView, Proposer, Reviewer } from '@oversight/gate';

/** The tool call a set of facts is made from. */
export interface ToolCallRef {
  /** The tool's name, as the model called it. */
  toolName: string;
  /** The model's id for this call (stable across an interruption and the resumed run). */
  callId: string | undefined;
}

/**
 * Maps a tool call's arguments onto the policy's facts. The same arguments must
 * give the same facts: the facts are computed again from the arguments about to
 * run, and `gate.authorize` refuses any that differ from those decided.
 */
export type FactsMapper<TArgs> = (args: TArgs, call: ToolCallRef) => Record<string, unknown> | Promise<Record<string, unknown>>;

/** Why a tool call under oversight did not run, as the model is told it. */
export interface Refusal {
  toolName: string;
  callId: string | undefined;
  /**
   * - `denied`: the policy routes it to deny; `rejected`: a person rejected it;
   * - `expired`: nobody answered in time; `edited`: an edit replaced it and the edited action does not run;
   * - `waiting`: no person has approved it in the gate yet (approving the interruption alone runs nothing);
   * - `not-authorized`: the arguments about to run are not those decided (`gate.authorize` refused);
   * - `already-ran`: this call ran once already.
   */
  reason: 'denied' | 'rejected' | 'expired' | 'edited' | 'waiting' | 'not-authorized' | 'already-ran';
  /** A sentence for the model (and the logs). */
  message: string;
  /** The proposal that decided, when there is one. */
  proposal?: ProposalView;
}

export interface OversightOptions<TArgs = unknown> {
  /** The gate that decides, records and authorizes every call of this tool. */
  gate: Gate;
  /** metadata.name of the enforced policy that routes this tool's calls. */
  policy: string;
  /** Who proposes the calls: the agent (never allowed to answer its own proposals). */
  proposer: Proposer;
  /** Tool arguments → policy facts. Default: the arguments object itself. */
  facts?: FactsMapper<TArgs>;
  /** What the model receives when a call does not run. Default: `refusal.message`. */
  refusal?: (refusal: Refusal) => unknown;
}

/** A person's answer to one interruption (a tool call waiting for approval). */
export interface InterruptionAnswer {
  decision: AnswerDecision;
  /** Who answers, in which reviewer role. Without an identity verifier on the gate, this names the reviewer. */
  reviewer?: Reviewer;
  /** Required to reject or edit: the log keeps it. */
  reason?: string;
  /** For `edit`: the whole arguments as they should run. They are mapped to facts and evaluated by the policy again. */
  editedArguments?: unknown;
  /** Passed to the gate's identity verifier, when it has one. */
  credential?: unknown;
}

/**
 * What an answer did to the tool call:
 * - `approved`: the interruption is approved; the resumed run executes the call with the model's arguments;
 * - `edited`: the edit was approved as edited; the resumed run executes the call with the edited arguments;
 * - `rejected`: the interruption is rejected (rejected by the person, or the edited action is denied); it never runs;
 * - `rerouted`: the edit made the action riskier: it is a new proposal (`current`) that needs its own approval;
 *   the interruption stays pending and comes back when the run resumes; answer it again once that proposal is decided;
 * - `waiting`: still waiting (escalated, or more approvals needed); the interruption stays pending.
 */
export type InterruptionStatus = 'approved' | 'edited' | 'rejected' | 'rerouted' | 'waiting';

export interface InterruptionAnswerResult {
  status: InterruptionStatus;
  /** The gate's answer to the proposal that was waiting. */
  answer: AnswerResult;
  /** The proposal that now decides this tool call (the new one, after a reroute). */
  current: ProposalView;
  /** The arguments the call runs with when the run resumes (approved or edited). */
  arguments?: unknown;
}

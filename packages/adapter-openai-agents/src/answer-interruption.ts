// A person's answer to an interruption: the gate decides what it means, then the
// run state is told, so `run(agent, state)` resumes with exactly that.
import type { RunToolApprovalItem } from '@openai/agents';
import type { ProposalView } from '@oversight/gate';
import { oversightOf, type ApprovalTarget, type ToolOversight } from './tool-oversight.js';
import type { InterruptionAnswer, InterruptionAnswerResult } from './types.js';

/**
 * Answers one interruption of a run (`result.interruptions`) through the gate,
 * then approves or rejects it in the run state:
 * - `approve`: `gate.answer`, then `state.approve(interruption)` once the gate says it may run
 *   (with M-of-N approvals, only at the last one);
 * - `reject`: needs a reason; `state.reject(interruption)` with a message naming who rejected it and why;
 * - `edit`: needs a reason and `editedArguments`; the gate evaluates the edited action again. Approved as
 *   edited → the interruption is approved and the resumed run executes the tool with the EDITED arguments;
 *   riskier → a new proposal that needs its own approval: the interruption stays pending (`status: 'rerouted'`),
 *   the resumed run interrupts on it again, and the next answer goes to the new proposal;
 * - `escalate`: moves the decision up the reviewer chain; the interruption stays pending.
 *
 * Then resume with `run(agent, state)`. A refused answer (wrong role, the proposer answering itself, a
 * settled decision) throws the gate's `GateError` and leaves the run state untouched.
 */
export async function answerInterruption(state: ApprovalTarget, interruption: RunToolApprovalItem, answer: InterruptionAnswer): Promise<InterruptionAnswerResult> {
  return oversightFor(interruption).answer(state, interruption, answer);
}

/**
 * The proposal an interruption waits on (after a reroute, the new one): its
 * `proposal.packet` and `proposal.reviewer` are what to show a person, e.g. with
 * `renderPacket(view.proposal, 'text')`.
 */
export async function proposalFor(interruption: RunToolApprovalItem): Promise<ProposalView> {
  return oversightFor(interruption).proposalFor(interruption);
}

function oversightFor(interruption: RunToolApprovalItem): ToolOversight {
  const name = interruption.toolName ?? interruption.name;
  const tool = interruption.agent.tools.find((candidate) => candidate.type === 'function' && candidate.name === name);
  const oversight = oversightOf(tool);
  if (!oversight) throw new TypeError(`tool ${name ?? '(unnamed)'} of agent ${interruption.agent.name} is not under oversight: wrap it with withOversight`);
  return oversight;
}

// The tool message that carries people's answers back into the generation.
import type { ToolApprovalResponse, ToolModelMessage } from 'ai';

/**
 * The message to append to the history (after `result.response.messages`) to
 * continue a generation with these answers: the AI SDK runs the approved calls
 * (each through the gate's `authorize`) and tells the model why the others did
 * not run. Answers without a response (still waiting) are left out: continue
 * only when every request of the step has one.
 */
export function approvalMessage(answers: Iterable<ToolApprovalResponse | { response?: ToolApprovalResponse } | undefined>): ToolModelMessage {
  const content: ToolApprovalResponse[] = [];
  for (const answer of answers) {
    const response = answer !== undefined && 'type' in answer ? answer : answer?.response;
    if (response) content.push(response);
  }
  return { role: 'tool', content };
}

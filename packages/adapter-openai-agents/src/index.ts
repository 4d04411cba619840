// The public API of @oversight/openai-agents: OpenAI Agents JS tool approvals
// decided by an Oversight routing policy through the gate.
export { oversightTool, withOversight } from './with-oversight.js';
export { answerInterruption, proposalFor } from './answer-interruption.js';
export { oversightOf, ToolOversight } from './tool-oversight.js';
export type { ApprovalTarget } from './tool-oversight.js';
export { ScriptedModel } from './scripted-model.js';
export type { ScriptedToolCall, ScriptedTurn } from './scripted-model.js';
export type { FactsMapper, InterruptionAnswer, InterruptionAnswerResult, InterruptionStatus, OversightOptions, Refusal, ToolCallRef } from './types.js';

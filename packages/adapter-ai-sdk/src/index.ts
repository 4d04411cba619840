// The public API of @oversight/ai-sdk: a routing policy decides, through the
// gate, which AI SDK tool calls need a person, and the person's answer flows
// back as the AI SDK's tool approval response.
export { withOversight } from './with-oversight.js';
export type {
  Oversight,
  OversightAnswer,
  OversightAnswerInput,
  OversightApprovalRequest,
  OversightCall,
  OversightOptions,
  OversightTool,
  OversightTools,
} from './with-oversight.js';
export { approvalMessage } from './approval-message.js';
export { argumentsAsFacts } from './facts.js';
export type { FactsMapping } from './facts.js';
export { isOversightRefusal } from './refusal.js';
export type { OversightRefusal } from './refusal.js';
export { OversightError } from './errors.js';
export type { OversightErrorCode } from './errors.js';
export { toolApprovalStatus } from './tool-approval-status.js';
export type { ToolApprovalStatus } from './tool-approval-status.js';

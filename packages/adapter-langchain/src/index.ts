// The public API of @oversight/langchain: Oversight for LangChain v1 agents. A
// middleware routes each tool call through the review loop of @oversight/gate:
// the policy decides per call whether it runs, runs and is reviewed after, waits
// for a person (a LangGraph interrupt in LangChain's human-in-the-loop format),
// or never runs.
export { oversightMiddleware } from './middleware.js';
export type { OversightMiddleware } from './middleware.js';
export { argsAsFacts } from './options.js';
export type { FactsOf, OversightMiddlewareOptions } from './options.js';
export type { DecisionExtras, OversightActionRequest, OversightDecision, OversightEscalateDecision, OversightRequest, OversightResponse } from './review-request.js';
export type { RefusalArtifact } from './refusal.js';
export { decisionKey } from './decision-keys.js';

// The public API of @oversight/mcp: an MCP proxy that routes every tools/call
// by an Oversight policy through the gate.
export { createOversightProxy, OversightProxy, STATUS_TOOL_NAME } from './proxy.js';
export type { Facts, FactsMapping, HoldMode, OversightProxyOptions, RetryMode, ToolCall, ToolCallAnswer, ToolCallMapping } from './types.js';
export { defaultFacts, defaultToolCall, TOOL_FACT } from './default-mapping.js';
export { filesystemFacts, FILESYSTEM_DERIVED_FACTS, FILESYSTEM_READ_TOOLS } from './filesystem-facts.js';
export type { FilesystemFactsOptions } from './filesystem-facts.js';
export { DECISION_META_KEY, PROPOSAL_ARGUMENT } from './results.js';
export type { DecisionMeta } from './results.js';
export { createReviewServer } from './review-http.js';
export type { ReviewServerOptions } from './review-http.js';

// The public API of @oversight/core. Everything else in this package is internal
// (the sibling packages use './internal.ts', exported as @oversight/core/internal).
export * from './types.js';
export { loadPolicy } from './load/load-policy.js';
export type { LoadResult } from './load/load-policy.js';
export { MAX_POLICY_BYTES } from './load/load-policy.js';
export { canonicalJson, policyHash } from './policy-hash.js';
export { compilePolicy } from './compile/compile-policy.js';
export type { CompiledPolicy } from './compile/compile-policy.js';
export { evaluate, errorDecision } from './evaluate/evaluate.js';
export type { EvaluateOptions } from './evaluate/evaluate.js';
export { evaluateAsync } from './evaluate/evaluate-async.js';
export type { FactProvider, FactProviders, AsyncEvaluateOptions } from './evaluate/evaluate-async.js';
export { parseDuration } from './duration.js';
export { evaluateRoute } from './evaluate/evaluate-route.js';
export type { RouteResult } from './evaluate/evaluate-route.js';
export { thresholdValuesFor } from './evaluate/evaluate.js';
export { decisionSchema, historyRecordSchema, logEventSchema, policySchema } from './generated/schemas.js';
export { parseJson, JSON_LIMITS } from './json/parse-json.js';
export type { JsonError, JsonLimits, JsonResult } from './json/parse-json.js';

// The public API of @oversight/sql: compile a routing policy to SQL, and wrap it in a query.
export { compileFactProblem, compilePolicyToSql, compileRuleStates, decodeOutcome, routeQuery, RESULT_COLUMNS, INPUT, MAX_CODE_RULES } from './compile-policy.js';
export type { CompileSqlOptions, CompileSqlResult } from './compile-policy.js';
export { UNSUPPORTED } from './refusal.js';
export { sqlString } from './sql-literal.js';
export type { SqlDiagnostic, Unsupported } from './refusal.js';
export { columnDepth } from './column-type.js';
export type { ColumnType } from './column-type.js';
export { compileVariants, thresholdsRead } from './compile-variants.js';
export type { VariantsPlan } from './compile-variants.js';

// What the sibling packages (lint, simulator, cli) need beyond the public API:
// the loader's inspection and source positions, condition walking, the
// replay's variant evaluation. Internal: it may change in any release, so a
// service imports from '@oversight/core' only.
export { inspectPolicy } from './load/load-policy.js';
export type { PolicyInspection } from './load/load-policy.js';
export { createSourceMap, formatPath, pointerToPath } from './load/source-map.js';
export type { PathSegment, SourceMap } from './load/source-map.js';
export { parseYaml } from './load/parse-yaml.js';
export type { YamlParse } from './load/parse-yaml.js';
export { schemaDiagnostics } from './load/schema-errors.js';
export { forEachLeaf } from './load/condition-walk.js';
export { isThresholdRef } from './load/check-references.js';
export { evaluateVariants, prepareVariants } from './evaluate/evaluate-variants.js';
export type { RouteVariant, VariantSet } from './evaluate/evaluate-variants.js';
export { refuseOverlongJson } from './json/parse-json.js';
export { escapeControls, visibleControl } from './text/escape-controls.js';
// The DuckDB engine decides rule states in SQL and names each decision's rule and reviewer as core does.
export { decidingRule, decideRoute, newRouteOutcome, reviewerFor } from './evaluate/decide-route.js';
export type { RouteOutcome } from './evaluate/decide-route.js';
// The whole-input analysis asks core's own comparison of each leaf, over values it chooses.
export { expectedText, leafState, OPERATOR_SYMBOLS } from './evaluate/conditions.js';
export { compileFactSchema } from './compile/compile-policy.js';
export { FALSE, TRUE, UNKNOWN } from './compile/plan.js';
export type { CompiledPlan, ConditionNode, LeafNode, Tri } from './compile/plan.js';
export { planOf } from './compile/plan.js';

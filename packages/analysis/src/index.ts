// @oversight/analysis: a policy known for every input, not only the inputs in history.
export { factSpace } from './fact-space.js';
export type { FactSpace, Dimension, Cell } from './fact-space.js';
export { MAX_BOXES, partition } from './partition.js';
export type { DecidedBox } from './partition.js';
export type { Box } from './decide-box.js';
export { cellsOf, exampleOf, inBox } from './points.js';
export { diffPolicies } from './diff.js';
export type { ChangedRegion, PolicyDiff, PolicyRef, UnknownRegion } from './diff.js';
export { describeBox } from './describe.js';
export { BUILT_IN_CLAIMS, provePolicy } from './prove.js';
export type { Claim, ClaimRegion, ClaimResult } from './prove.js';

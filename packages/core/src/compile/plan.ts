import type { ValidateFunction } from 'ajv';
import type { RouteResult } from '../evaluate/evaluate-route.js';
import type { PacketBuilders } from './generate-packet.js';
import type { Choice, Operator, Policy, Route, Strategy } from '../types.js';

/** Three-valued truth of a condition: a fact it needs may be absent. */
export const FALSE = 0;
export const TRUE = 1;
export const UNKNOWN = 2;
export type Tri = typeof FALSE | typeof TRUE | typeof UNKNOWN;

export interface LeafNode {
  kind: 'leaf';
  /** Index into the plan's facts. */
  fact: number;
  /** Segments of `path` into an object fact, or undefined. */
  path: readonly (string | number)[] | undefined;
  /** `vendor.country`: the fact and path as a person reads them. */
  label: string;
  operator: Operator;
  literal: unknown;
  /** The literal as reasons show it, computed once. */
  literalText: string;
  /** Index into the plan's thresholds, or -1 for a literal value. */
  threshold: number;
}
export type ConditionNode =
  | LeafNode
  | { kind: 'all'; children: ConditionNode[] }
  | { kind: 'any'; children: ConditionNode[] }
  | { kind: 'not'; child: ConditionNode };

export interface CompiledRule {
  id: string;
  route: Route;
  /** Position of the route in ROUTES: higher is more restrictive. */
  rank: number;
  reviewer: string | undefined;
  exemptIrreversible: boolean;
  when: ConditionNode;
}

export interface CompiledFact {
  name: string;
  validate: ValidateFunction;
  /** The declared `type`, when it is a single one. */
  type: string | undefined;
}

/**
 * Fills rule states for one set of facts. Returns KERNEL_OK, or a failure
 * code with the culprit written to `out`. Generated per policy.
 */
export type Kernel = (
  facts: Record<string, unknown>,
  thresholds: ArrayLike<number>,
  states: Uint8Array,
  values: unknown[],
  out: KernelFailure,
) => number;
/** Step 1 and 2 alone: checks the keys and validates each fact, copying values out. */
export type CheckFacts = (facts: Record<string, unknown>, values: unknown[], out: KernelFailure) => number;
/** The rule states alone, from values a CheckFacts accepted (of a policy with the same facts). */
export type DecideRules = (values: readonly unknown[], thresholds: ArrayLike<number>, states: Uint8Array, out: KernelFailure) => number;
export interface KernelFailure {
  /** The undeclared key (KERNEL_UNDECLARED). */
  key: string;
  /** The invalid fact's index (KERNEL_INVALID). */
  fact: number;
}
export const KERNEL_OK = 0;
export const KERNEL_UNDECLARED = 1;
export const KERNEL_INVALID = 2;

/** The packet summary template, split once: text, or a fact (and path) to fill in. */
export type SummaryPart = string | { fact: string; path: string[] };

/**
 * A policy compiled once for many evaluations, as a caller sees it: what was
 * compiled (name, version, content hash, the policy) and what a replay names
 * (rule ids and routes, thresholds). How it decides is internal.
 */
export interface CompiledPolicy {
  readonly name: string;
  readonly version: number;
  readonly hash: string;
  readonly policy: Policy;
  readonly rules: readonly { readonly id: string; readonly route: Route }[];
  readonly thresholdNames: readonly string[];
  /** The policy's threshold values, by position in thresholdNames. */
  readonly thresholdValues: Float64Array;
}

/** The compiled policy with its internals: only core reads these. */
export function planOf(policy: CompiledPolicy): CompiledPlan {
  return policy as CompiledPlan;
}

/** The whole compiled policy: generated kernel, validators, scratch buffers. Internal to core. */
export interface CompiledPlan {
  readonly name: string;
  readonly version: number;
  readonly hash: string;
  readonly policy: Policy;
  readonly strategy: Strategy;
  readonly defaultRoute: Route;
  readonly onErrorRoute: Route;
  /** defaultRoute and onErrorRoute as positions in ROUTES, for the hot path. */
  readonly defaultRank: number;
  readonly onErrorRank: number;
  readonly facts: readonly CompiledFact[];
  readonly factIndex: ReadonlyMap<string, number>;
  readonly thresholdNames: readonly string[];
  readonly thresholdIndex: ReadonlyMap<string, number>;
  readonly thresholdValues: Float64Array;
  readonly rules: readonly CompiledRule[];
  /** Index of the `irreversible` fact, or -1 when the policy declares none. */
  readonly irreversibleFact: number;
  readonly reviewers: ReadonlyMap<string, { sla: string; slaSeconds: number }>;
  /** spec.reviewer: owns the human decisions no rule assigns (default, onError, the gate). */
  readonly policyReviewer: string | undefined;
  readonly samplingRate: number;
  /** The policy hash, hashed once; QA sampling continues it with each decision key. */
  readonly samplingSeed: number;
  readonly packet: { summary: SummaryPart[] | undefined; context: string[]; impact: string[]; choices: Choice[]; builders: PacketBuilders };
  readonly kernel: Kernel;
  readonly checkFacts: CheckFacts;
  readonly decideRules: DecideRules;
  /** Equal for policies whose facts are declared alike, in the same order: their checks are interchangeable. */
  readonly factSignature: string;
  /** Buffers one synchronous evaluation reuses, so the hot path allocates little. */
  readonly scratch: { states: Uint8Array; values: unknown[]; failure: KernelFailure; routeResult: RouteResult };
}

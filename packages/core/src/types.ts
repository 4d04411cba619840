// The shapes of a policy, a decision and a diagnostic. The JSON Schemas in
// /schemas describe the same shapes; schema-agreement.test.ts keeps them in step.

/** Routes, ordered from least to most restrictive. */
export const ROUTES = ['auto', 'review_after', 'approve_before', 'escalate', 'deny'] as const;
export type Route = (typeof ROUTES)[number];

/** The routes `onError` may take: none lets the action run before a person looks. */
export const FAIL_CLOSED_ROUTES = ['approve_before', 'escalate', 'deny'] as const;
export type FailClosedRoute = (typeof FAIL_CLOSED_ROUTES)[number];

/** Routes a person acts on, so they carry a reviewer, an SLA and a packet. */
export const HUMAN_ROUTES: readonly Route[] = ['review_after', 'approve_before', 'escalate'];

export const OPERATORS = [
  'equal',
  'notEqual',
  'lessThan',
  'lessThanInclusive',
  'greaterThan',
  'greaterThanInclusive',
  'in',
  'notIn',
  'contains',
  'doesNotContain',
] as const;
export type Operator = (typeof OPERATORS)[number];

export type Scalar = string | number | boolean | null;
export interface ThresholdRef {
  threshold: string;
}
export type ConditionValue = Scalar | Scalar[] | ThresholdRef;

export interface FactCondition {
  fact: string;
  operator: Operator;
  value: ConditionValue;
  /** JSONPath into an object fact, e.g. `$.vendor.country`. */
  path?: string;
}
export interface AllCondition {
  all: Condition[];
}
export interface AnyCondition {
  any: Condition[];
}
export interface NotCondition {
  not: Condition;
}
export type Condition = AllCondition | AnyCondition | NotCondition | FactCondition;

export interface Rule {
  id: string;
  description?: string;
  when: Condition;
  route: Route;
  reviewer?: string;
  /** Distinct people (never the proposer) who must approve an approve_before or escalate decision of this rule. */
  approvals?: number;
  exempt?: 'irreversible'[];
  justification?: string;
}

export interface Threshold {
  value: number;
  min?: number;
  max?: number;
  description?: string;
}

export interface ReviewerRole {
  /** A whole number and a unit: `30m`, `2h`, `1d`. */
  sla: string;
  escalateTo?: string;
  /** How long before the deadline the review loop warns of a pending decision: `30m`. */
  warnBefore?: string;
  description?: string;
}

export type Choice = 'approve' | 'reject' | 'edit' | 'escalate';

export interface PacketSpec {
  summary?: string;
  context?: string[];
  impact?: string[];
  choices?: Choice[];
}

/** A JSON Schema for one fact's value. */
export type FactSchema = Record<string, unknown>;

export type Strategy = 'most-restrictive' | 'first-match';

export interface PolicyMetadata {
  name: string;
  version: number;
  owner: string;
  reviewBy?: string;
  description?: string;
}

export interface PolicySpec {
  strategy?: Strategy;
  default?: Route;
  /** Never auto or review_after: an action that could not be decided never runs before a person looks. */
  onError?: FailClosedRoute;
  onTimeout?: 'reject' | 'escalate';
  /** Owns every human decision no rule assigns: default, onError, the irreversible gate. */
  reviewer?: string;
  /** Distinct approvers a route needs when its deciding rule sets none (default 1). */
  approvals?: { approve_before?: number; escalate?: number };
  facts: Record<string, FactSchema>;
  thresholds?: Record<string, Threshold>;
  reviewers?: Record<string, ReviewerRole>;
  sampling?: { auto?: number };
  rules: Rule[];
  packet?: PacketSpec;
}

/** A routing policy as written in YAML (oversight/v1). */
export interface Policy {
  apiVersion: 'oversight/v1';
  kind: 'RoutingPolicy';
  metadata: PolicyMetadata;
  spec: PolicySpec;
}

export interface Position {
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
}
export interface Range {
  start: Position;
  end: Position;
}

/** One finding a person can act on: loader errors, schema errors and lint findings alike. */
export interface Diagnostic {
  ruleId: string;
  severity: 'error' | 'warning';
  message: string;
  file: string;
  range: Range;
  fix?: { description: string };
  docsUrl?: string;
}

/** The closed set of reasons a decision took the policy's onError route. */
export const ERROR_CODES = [
  'invalid-fact',
  'undeclared-fact',
  'missing-fact',
  'irreversibility-unknown',
  'provider-error',
  'provider-timeout',
  'invalid-json',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface DecisionError {
  code: ErrorCode;
  message: string;
  fact?: string;
}

export interface MatchedRule {
  id: string;
  route: Route;
  /** The conditions that held, with actual values: `amount 120 > autoRefundMax 50`. */
  because: string[];
}

export interface UndecidedRule {
  id: string;
  route: Route;
  /** The facts (with path) whose absence left the rule undecided. */
  missing: string[];
}

export interface ReviewPacket {
  summary: string;
  /** The proposed action: the declared facts as given. */
  action: Record<string, unknown>;
  /** Why a person sees this, one line a reason. */
  why: string[];
  context: Record<string, unknown>;
  impact: Record<string, unknown>;
  choices: Choice[];
}

export interface Decision {
  route: Route;
  matched: MatchedRule[];
  undecided: UndecidedRule[];
  reviewer?: string;
  sla?: string;
  slaSeconds?: number;
  /** ISO time by which a person must answer; present when the caller passed `now`. */
  deadline?: string;
  /** A QA sample of an automatic decision. */
  sampled: boolean;
  error?: DecisionError;
  /** `thresholds`: the overrides this decision was made with, when any (the hash is of the file without them). */
  policy: { name: string; version: number; hash: string; thresholds?: Record<string, number> };
  decisionKey?: string;
  packet?: ReviewPacket;
}

/** What a person did with a decision, in a history record. */
export const OUTCOMES = ['approved', 'rejected', 'edited', 'escalated', 'expired'] as const;
export type OutcomeDecision = (typeof OUTCOMES)[number];

/** One line of a JSON Lines history: a decision as it happened, and what followed (schemas/history-record.schema.json). */
export interface HistoryRecord {
  decisionId: string;
  /** ISO 8601 date-time. */
  at: string;
  policy: { name: string; version: number; hash?: string };
  facts: Record<string, unknown>;
  route: Route;
  /** Ids of the rules that matched. */
  rules?: string[];
  /** Absent where no person looked (automatic and not sampled). */
  outcome?: {
    decision: OutcomeDecision;
    reason?: string;
    /** The reviewer role that answered. */
    reviewer?: string;
    /** The person who answered, where the log names one. */
    reviewerId?: string;
    turnaroundSeconds?: number;
  };
  /** An automatic decision sampled for QA review. */
  audit?: boolean;
  /** Known later, and may be absent. */
  downstream?: { error?: boolean };
}

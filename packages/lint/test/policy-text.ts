// Policy texts for rule tests: a fixed, valid header, so every test states only
// its rules and can assert exact lines. The first rule starts on RULES_LINE.
import { lintPolicy, type LintDiagnostic, type LintOptions, type LintRule } from '../src/index.js';

export interface PolicyParts {
  strategy?: 'most-restrictive' | 'first-match';
  /** Extra lines under metadata (4-space indent is added). */
  metadata?: string;
  /** Replaces the facts block (lines at 4-space indent). */
  facts?: string;
  thresholds?: string;
  rules: string;
}

const DEFAULT_FACTS = `    amount: { type: number, minimum: 0, maximum: 10000 }
    kind: { type: string, enum: [refund, credit] }
    confident: { type: boolean }
    irreversible: { type: boolean }`;

/** A valid policy around `rules` (list items at 4-space indent); `spec.reviewer: lead` owns what no rule assigns. */
export function policyText(parts: PolicyParts): string {
  return `apiVersion: oversight/v1
kind: RoutingPolicy
metadata:
  name: test-policy
  version: 1
  owner: test-team
spec:
  strategy: ${parts.strategy ?? 'most-restrictive'}
  default: approve_before
  thresholds:
${parts.thresholds ?? '    limit: { value: 100, min: 0, max: 1000 }'}
  reviewers:
    lead: { sla: 4h }
  packet:
    context: [kind, confident]
    impact: [amount, irreversible]
  facts:
${parts.facts ?? DEFAULT_FACTS}
  reviewer: lead
  rules:
${parts.rules}`;
}

/** The line of the first rule when facts and thresholds are the defaults. */
export const RULES_LINE = 24;

export const NOW = new Date('2026-10-03T12:00:00Z');

/** Runs one rule over a text. */
export function lintWith(rule: LintRule, text: string, options: Partial<LintOptions> = {}): LintDiagnostic[] {
  return lintPolicy(text, 'policy.yaml', { now: NOW, rules: [rule], ...options }).diagnostics;
}

/** `line:col-line:col` of a diagnostic, for exact position assertions. */
export function at(diagnostic: LintDiagnostic | undefined): string {
  if (diagnostic === undefined) return 'no diagnostic';
  const { start, end } = diagnostic.range;
  return `${start.line}:${start.column}-${end.line}:${end.column}`;
}

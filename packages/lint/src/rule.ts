import type { Diagnostic, Policy, Range } from '@oversight/core';
import type { PathSegment, PolicyInspection } from '@oversight/core/internal';
import type { PolicyAnalysis } from './analysis/policy-analysis.js';

export const CATEGORIES = ['schema', 'safety', 'logic', 'review', 'maintenance', 'security', 'directive'] as const;
/** What kind of mistake a rule finds; the rules index groups by it. */
export type Category = (typeof CATEGORIES)[number];

export type Severity = Diagnostic['severity'];
export const SEVERITY_SETTINGS = ['error', 'warning', 'off'] as const;
export type SeveritySetting = (typeof SEVERITY_SETTINGS)[number];

export interface RuleMeta<MessageId extends string = string> {
  /** kebab-case; also the file name of the rule, its test and its doc. */
  id: string;
  category: Category;
  defaultSeverity: Severity;
  /** Message templates; `{{name}}` is filled from a report's data. Each says what to do. */
  messages: Record<MessageId, string>;
  docs: { description: string };
  /** The rule attaches edits that `--fix` may apply. */
  fixable?: boolean;
}

/** Replace the text in `range` (end exclusive, 1-based) with `text`. */
export interface TextEdit {
  range: Range;
  text: string;
}

export interface LintFix {
  description: string;
  edits: TextEdit[];
}

/** A core Diagnostic whose fix, when present, carries the edits that apply it. */
export interface LintDiagnostic extends Diagnostic {
  fix?: LintFix;
}

export interface Report<MessageId extends string> {
  messageId: MessageId;
  data?: Record<string, string | number>;
  /** Where in the policy: the value at this path (or its key, with `on: 'key'`). */
  path?: readonly PathSegment[];
  on?: 'key' | 'value';
  /** An exact range, when the finding is not at a policy path. */
  range?: Range;
  fix?: LintFix;
}

/** What every rule sees: the file, what the loader learnt, and the injected clock and base revision. */
export interface DocumentContext<MessageId extends string = string> {
  file: string;
  text: string;
  inspection: PolicyInspection;
  now: Date;
  /** The file's text at the base revision (`--base`), when there is one. */
  baseText?: string;
  locate(path: readonly PathSegment[], on?: 'key' | 'value'): Range;
  report(report: Report<MessageId>): void;
}

/** What a rule over a schema-valid policy sees. */
export interface PolicyContext<MessageId extends string = string> extends DocumentContext<MessageId> {
  policy: Policy;
  analysis: PolicyAnalysis;
}

export interface LintRule {
  meta: RuleMeta;
  run(context: DocumentContext, policy: { policy: Policy; analysis: PolicyAnalysis } | undefined): void;
}

/**
 * Defines a rule over a policy that passed the schema (its references may
 * still be wrong). Most rules are this kind: a policy the schema rejects has
 * no shape to analyse.
 */
export function createRule<MessageId extends string>(definition: {
  meta: RuleMeta<MessageId>;
  check(context: PolicyContext<MessageId>): void;
}): LintRule {
  return {
    meta: definition.meta,
    run(context, loaded) {
      if (loaded === undefined) return;
      definition.check({ ...(context as DocumentContext<MessageId>), ...loaded });
    },
  };
}

/** Defines a rule that runs on every file, valid or not: it reads the loader's findings or the raw data. */
export function createDocumentRule<MessageId extends string>(definition: {
  meta: RuleMeta<MessageId>;
  check(context: DocumentContext<MessageId>): void;
}): LintRule {
  return { meta: definition.meta, run: (context) => definition.check(context) };
}

/** Where a rule's documentation lives, from the repository root. */
export function ruleDocsUrl(id: string): string {
  return `docs/rules/${id}.md`;
}

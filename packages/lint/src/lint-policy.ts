import { type Range } from '@oversight/core';
import { inspectPolicy, type PathSegment } from '@oversight/core/internal';
import { analysePolicy } from './analysis/policy-analysis.js';
import { parseDisableDirectives, type DisableDirective } from './disables.js';
import { RULES } from './rules/index.js';
import { ruleDocsUrl, type DocumentContext, type LintDiagnostic, type LintRule, type Report, type Severity, type SeveritySetting } from './rule.js';

export interface LintOptions {
  /** The clock: `review-date-passed` compares with it. */
  now: Date;
  /** The file's text at the base revision, for `version-not-bumped`. */
  baseText?: string;
  /** Severity per rule id, over each rule's default. */
  severities?: Readonly<Record<string, SeveritySetting>>;
  /** The rules to run; all of them by default (tests run one). */
  rules?: readonly LintRule[];
}

export interface LintResult {
  file: string;
  diagnostics: LintDiagnostic[];
}

const START: Range = { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };
const DIRECTIVE_RULES = new Set(['disable-without-reason', 'unused-disable']);

/**
 * Lints one policy text. Pure: the caller reads the file, the base revision
 * and the clock. Returns every finding, sorted by position, after inline
 * disables; the fixes for `--fix` ride on the diagnostics.
 */
export function lintPolicy(text: string, file: string, options: LintOptions): LintResult {
  const rules = options.rules ?? RULES;
  const severityOf = (rule: LintRule): SeveritySetting => options.severities?.[rule.meta.id] ?? rule.meta.defaultSeverity;
  const inspection = inspectPolicy(text, file);
  const source = inspection.source;
  const locate = (path: readonly PathSegment[], on: 'key' | 'value' = 'value'): Range =>
    source === undefined ? START : on === 'key' ? source.keyRange(path) : source.valueRange(path);
  const loaded = inspection.policy === undefined ? undefined : { policy: inspection.policy, analysis: analysePolicy(inspection.policy) };

  const findings: LintDiagnostic[] = [];
  for (const rule of rules) {
    const severity = severityOf(rule);
    if (severity === 'off' || DIRECTIVE_RULES.has(rule.meta.id)) continue;
    const context: DocumentContext = {
      file,
      text,
      inspection,
      now: options.now,
      baseText: options.baseText,
      locate,
      report: (report) => findings.push(toDiagnostic(rule, severity, report, file, locate)),
    };
    rule.run(context, loaded);
  }

  const diagnostics = applyDisables(dropGenericDuplicates(findings), parseDisableDirectives(text), rules, severityOf, file);
  return { file, diagnostics: diagnostics.sort(byPosition) };
}

function toDiagnostic(rule: LintRule, severity: Severity, report: Report<string>, file: string, locate: (path: readonly PathSegment[], on?: 'key' | 'value') => Range): LintDiagnostic {
  const template = rule.meta.messages[report.messageId] ?? report.messageId;
  const message = template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(report.data?.[name] ?? ''));
  const range = report.range ?? (report.path === undefined ? START : locate(report.path, report.on));
  const diagnostic: LintDiagnostic = { ruleId: rule.meta.id, severity, message, file, range, docsUrl: ruleDocsUrl(rule.meta.id) };
  if (report.fix !== undefined) diagnostic.fix = report.fix;
  return diagnostic;
}

/** A specific rule's finding on a node replaces the generic schema error on the same node (`onError: auto`). */
function dropGenericDuplicates(findings: LintDiagnostic[]): LintDiagnostic[] {
  const specific = new Set(findings.filter((d) => d.ruleId !== 'valid-policy').map((d) => `${d.range.start.line}:${d.range.start.column}`));
  return findings.filter((d) => d.ruleId !== 'valid-policy' || !specific.has(`${d.range.start.line}:${d.range.start.column}`));
}

function applyDisables(
  findings: LintDiagnostic[],
  directives: readonly DisableDirective[],
  rules: readonly LintRule[],
  severityOf: (rule: LintRule) => SeveritySetting,
  file: string,
): LintDiagnostic[] {
  const used = new Set<string>();
  const kept = findings.filter((finding) => {
    const directive = directives.find((d) => d.line === finding.range.start.line - 1 && d.ruleIds.includes(finding.ruleId));
    if (directive === undefined) return true;
    used.add(`${directive.line}:${finding.ruleId}`);
    return false;
  });
  const report = (id: string, messageId: string, data: Record<string, string>, range: Range) => {
    const rule = rules.find((r) => r.meta.id === id);
    const severity = rule === undefined ? 'off' : severityOf(rule);
    if (rule !== undefined && severity !== 'off') kept.push(toDiagnostic(rule, severity, { messageId, data, range }, file, () => range));
  };
  const known = new Set(RULES.map((rule) => rule.meta.id));
  for (const directive of directives) {
    const ids = directive.ruleIds.join(', ') || '<rule-id>';
    if (directive.reason === undefined) report('disable-without-reason', 'missing', { ids }, directive.range);
    for (const id of directive.ruleIds) {
      if (used.has(`${directive.line}:${id}`)) continue;
      report('unused-disable', known.has(id) ? 'unused' : 'unknown', { id }, directive.range);
    }
  }
  return kept;
}

function byPosition(a: LintDiagnostic, b: LintDiagnostic): number {
  return a.range.start.line - b.range.start.line || a.range.start.column - b.range.start.column || a.ruleId.localeCompare(b.ruleId);
}

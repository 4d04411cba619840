import type { LintResult, LintRule } from '@oversight/lint';

/** What every lint formatter is given: the results of every file linted (clean ones too), and the rules that ran. */
export interface LintReport {
  results: readonly LintResult[];
  rules: readonly LintRule[];
  /** The oversight version, for tool metadata (SARIF). */
  version: string;
}

/** Turns a lint report into the text written to stdout. */
export type LintFormatter = (report: LintReport) => string;

export function countSeverities(results: readonly LintResult[]): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const result of results) {
    for (const d of result.diagnostics) {
      if (d.severity === 'error') errors += 1;
      else warnings += 1;
    }
  }
  return { errors, warnings };
}

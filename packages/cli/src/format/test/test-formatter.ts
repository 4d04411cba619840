import type { Diagnostic } from '@oversight/core';
import type { CaseResult, DecisionGot } from '../../cases/check-case.js';

/** One cases file: the cases it ran, or the problems that kept it (or its policy) from running. */
export interface CasesFileReport {
  /** The cases file, relative to where the command ran. */
  file: string;
  /** Its policy, relative to where the command ran, once the file names one. */
  policy?: string;
  results: readonly CaseResult[];
  /** Errors in the cases file or its policy; when there are any, no case ran. */
  problems: readonly Diagnostic[];
}

/** What every `oversight test` formatter is given: each cases file, in order. */
export interface TestReport {
  files: readonly CasesFileReport[];
}

/** Turns a test report into the text written to stdout. */
export type TestFormatter = (report: TestReport) => string;

export interface TestCounts {
  cases: number;
  failed: number;
  problems: number;
  /** Cases files whose cases ran, and those that could not run. */
  filesRun: number;
  filesNotRun: number;
}

export function countCases(files: readonly CasesFileReport[]): TestCounts {
  const counts: TestCounts = { cases: 0, failed: 0, problems: 0, filesRun: 0, filesNotRun: 0 };
  for (const file of files) {
    counts.cases += file.results.length;
    counts.failed += file.results.filter((result) => result.mismatches.length > 0).length;
    counts.problems += file.problems.length;
    if (file.problems.length > 0) counts.filesNotRun += 1;
    else counts.filesRun += 1;
  }
  return counts;
}

/** A failed case as a diagnostic on its name in the cases file, so every diagnostic format can show it. */
export function failureDiagnostic(file: string, result: CaseResult): Diagnostic {
  return { ruleId: 'failing-case', severity: 'error', message: `case '${result.case.name}': ${result.mismatches.join('; ')}`, file, range: result.case.range };
}

/** A file's problems, then its failed cases, as diagnostics. */
export function fileDiagnostics(file: CasesFileReport): Diagnostic[] {
  return [...file.problems, ...file.results.filter((result) => result.mismatches.length > 0).map((result) => failureDiagnostic(file.file, result))];
}

/** The decision a case got, in one line: `escalate, matched [a, b], error missing-fact: …, reviewer support-lead`. */
export function describeGot(got: DecisionGot): string {
  const parts = [got.route, `matched [${got.matched.join(', ')}]`];
  if (got.undecided.length > 0) parts.push(`undecided [${got.undecided.join(', ')}]`);
  if (got.error !== undefined) parts.push(`error ${got.error.code}: ${got.error.message}`);
  parts.push(got.reviewer === undefined ? 'no reviewer' : `reviewer ${got.reviewer}`);
  return parts.join(', ');
}

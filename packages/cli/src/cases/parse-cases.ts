import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { MAX_POLICY_BYTES, type Diagnostic, type ErrorCode, type Range, type Route } from '@oversight/core';
import { createSourceMap, parseYaml, schemaDiagnostics } from '@oversight/core/internal';
import { casesSchema } from './cases-schema.js';

/** The decision a case promises (schemas/cases.schema.json, `expect`). */
export interface CaseExpectation {
  route: Route;
  matched: string[];
  /** Absent: the decision must carry no error. */
  error?: ErrorCode;
  /** Absent: not checked. */
  undecided?: string[];
  /** Absent: not checked; null: the decision must name no reviewer. */
  reviewer?: string | null;
}

/** One case of a cases file, with where its name sits (reports point there). */
export interface PolicyCase {
  name: string;
  facts: Record<string, unknown>;
  decisionKey?: string;
  expect: CaseExpectation;
  range: Range;
}

/** A cases file that parsed and passed its schema. */
export interface CasesSuite {
  /** The policy file as the cases file names it, relative to the cases file. */
  policy: string;
  /** Where the policy is named, for a problem with it. */
  policyRange: Range;
  cases: PolicyCase[];
}

export type CasesParse = { ok: true; suite: CasesSuite } | { ok: false; diagnostics: Diagnostic[] };

const START: Range = { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };

// Compiled on first use, once a run: every cases file is checked by the same function.
let casesValidator: ValidateFunction | undefined;
const validateCases = (): ValidateFunction =>
  (casesValidator ??= new Ajv2020({ allErrors: true, verbose: true, strict: true, allowUnionTypes: true }).compile(casesSchema));

/**
 * Parses and checks a cases file's text. Pure: the caller reads the file.
 * The YAML is read with the policy loader's parser (bounded nesting, repeated
 * keys refused, aliases that multiply refused), so a case's facts are what a
 * service would pass; every problem is a diagnostic with file, line and column.
 */
export function parseCases(text: string, file: string): CasesParse {
  const fail = (ruleId: string, message: string, range: Range = START): CasesParse => ({ ok: false, diagnostics: [{ ruleId, severity: 'error', message, file, range }] });
  if (text.length > MAX_POLICY_BYTES) {
    return fail('cases-file', `the file is ${(text.length / 1024 / 1024).toFixed(1)} MB; a cases file may be at most 5 MB. Is this the right file?`);
  }
  if (text.includes('\u0000')) return fail('cases-file', 'the file holds binary data (a NUL byte), not YAML text. Is this the right file?');

  const parsed = parseYaml(text);
  const at = (start: number, end: number): Range => {
    const s = parsed.lineCounter.linePos(start);
    const e = parsed.lineCounter.linePos(Math.max(start, end));
    return { start: { line: s.line, column: s.col }, end: { line: e.line, column: e.col } };
  };
  if (!parsed.ok) {
    // yaml's messages end with their own position; ours is in the range.
    return fail('yaml-syntax', `YAML: ${parsed.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`, at(parsed.offset[0], parsed.offset[1]));
  }
  let data: unknown;
  try {
    // maxAliasCount stops alias bombs (a billion laughs) before they expand.
    data = parsed.doc.toJS({ maxAliasCount: 50 });
  } catch (error) {
    return fail('yaml-syntax', `YAML: ${(error as Error).message}; anchors and aliases may repeat a value, not multiply it`);
  }
  if (data === null || data === undefined) {
    return fail('cases-file', 'the file is empty; a cases file names its policy (policy: <file>) and lists cases (cases: [...])');
  }

  const source = createSourceMap(parsed.doc, parsed.lineCounter);
  const validate = validateCases();
  if (!validate(data)) {
    const diagnostics = schemaDiagnostics(validate.errors ?? [], file, source);
    return { ok: false, diagnostics: diagnostics.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.column - b.range.start.column) };
  }
  const suite = data as { policy: string; cases: Omit<PolicyCase, 'range'>[] };
  const cases = suite.cases.map((testCase, index) => ({ ...testCase, range: source.valueRange(['cases', index, 'name']) }));

  // Reports, JUnit above all, tell cases apart by name.
  const firstLine = new Map<string, number>();
  const repeated: Diagnostic[] = [];
  for (const testCase of cases) {
    const first = firstLine.get(testCase.name);
    if (first === undefined) firstLine.set(testCase.name, testCase.range.start.line);
    else repeated.push({ ruleId: 'cases-file', severity: 'error', message: `case name '${testCase.name}' is used already on line ${first}: give each case its own name`, file, range: testCase.range });
  }
  if (repeated.length > 0) return { ok: false, diagnostics: repeated };
  return { ok: true, suite: { policy: suite.policy, policyRange: source.valueRange(['policy']), cases } };
}

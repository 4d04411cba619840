import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import type { Diagnostic, ErrorCode, Range, Route } from '@oversight/core';
import { readYamlDocument, repeatedNames } from '../files/yaml-document.js';
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

// Compiled on first use, once a run: every cases file is checked by the same function.
let casesValidator: ValidateFunction | undefined;
const validateCases = (): ValidateFunction =>
  (casesValidator ??= new Ajv2020({ allErrors: true, verbose: true, strict: true, allowUnionTypes: true }).compile(casesSchema));

/**
 * Parses and checks a cases file's text. Pure: the caller reads the file.
 * The YAML is read with the policy loader's parser, so a case's facts are
 * what a service would pass; every problem is a diagnostic with file, line
 * and column.
 */
export function parseCases(text: string, file: string): CasesParse {
  const read = readYamlDocument(text, file, {
    ruleId: 'cases-file',
    kind: 'cases file',
    empty: 'a cases file names its policy (policy: <file>) and lists cases (cases: [...])',
    validate: validateCases,
  });
  if (!read.ok) return read;
  const { data, source } = read;
  const suite = data as { policy: string; cases: Omit<PolicyCase, 'range'>[] };
  const cases = suite.cases.map((testCase, index) => ({ ...testCase, range: source.valueRange(['cases', index, 'name']) }));
  // Reports, JUnit above all, tell cases apart by name.
  const repeated = repeatedNames(cases, file, 'cases-file', 'case');
  if (repeated.length > 0) return { ok: false, diagnostics: repeated };
  return { ok: true, suite: { policy: suite.policy, policyRange: source.valueRange(['policy']), cases } };
}

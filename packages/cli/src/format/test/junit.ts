import { escapeXml } from '../escape-xml.js';
import { countCases, describeGot, type CasesFileReport, type TestFormatter } from './test-formatter.js';

const at = (file: string, range: { start: { line: number; column: number } }) => `${file}:${range.start.line}:${range.start.column}`;

/** One testsuite: a testcase a case (a failure carries the decision got), or one a problem as an error when the file could not run. */
function suite(file: CasesFileReport): string {
  const name = escapeXml(file.file);
  const problems = file.problems.map(
    (d) =>
      `    <testcase name="${escapeXml(`${d.ruleId} ${d.range.start.line}:${d.range.start.column}`)}" classname="${name}">` +
      `<error type="${escapeXml(d.ruleId)}" message="${escapeXml(d.message)}">${escapeXml(`${at(d.file, d.range)} ${d.message}`)}</error></testcase>`,
  );
  const cases = file.results.map((result) => {
    const title = `    <testcase name="${escapeXml(result.case.name)}" classname="${name}"`;
    if (result.mismatches.length === 0) return `${title}/>`;
    const message = result.mismatches.join('; ');
    const body = `${at(file.file, result.case.range)} ${message}\ngot: ${describeGot(result.got)}`;
    return `${title}><failure type="failing-case" message="${escapeXml(message)}">${escapeXml(body)}</failure></testcase>`;
  });
  const { failed } = countCases([file]);
  return [`  <testsuite name="${name}" tests="${problems.length + cases.length}" failures="${failed}" errors="${problems.length}">`, ...problems, ...cases, '  </testsuite>'].join('\n');
}

/**
 * JUnit XML for a CI test report: one testsuite a cases file, one testcase a
 * case (named as in the file), a failure with the decision the case got; a
 * file that could not run is an error a problem, so it is never a silent pass.
 */
export const formatJunit: TestFormatter = ({ files }) => {
  const { cases, failed, problems } = countCases(files);
  return ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="oversight test" tests="${cases + problems}" failures="${failed}" errors="${problems}">`, ...files.map(suite), '</testsuites>', ''].join('\n');
};

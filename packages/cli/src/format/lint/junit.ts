import { countSeverities, type LintFormatter } from './lint-formatter.js';
import { escapeXml } from '../escape-xml.js';

/**
 * JUnit XML, one testsuite a file: a clean file is one passing testcase, an
 * error is a failing testcase, and a warning a passing one with its text in
 * system-out (a warning must not turn a CI test report red when lint exits 0).
 */
export const formatJunit: LintFormatter = ({ results }) => {
  const { errors } = countSeverities(results);
  const suites = results.map((result) => {
    const name = escapeXml(result.file);
    const cases =
      result.diagnostics.length === 0
        ? [`    <testcase name="${name}" classname="${name}"/>`]
        : result.diagnostics.map((d) => {
            const where = `${d.file}:${d.range.start.line}:${d.range.start.column}`;
            const title = `<testcase name="${escapeXml(`${d.ruleId} ${d.range.start.line}:${d.range.start.column}`)}" classname="${name}">`;
            const body =
              d.severity === 'error'
                ? `<failure type="${d.ruleId}" message="${escapeXml(d.message)}">${escapeXml(`${where} ${d.message}`)}</failure>`
                : `<system-out>${escapeXml(`warning ${where} ${d.message}`)}</system-out>`;
            return `    ${title}${body}</testcase>`;
          });
    const failures = countSeverities([result]).errors;
    return [`  <testsuite name="${name}" tests="${cases.length}" failures="${failures}" errors="0">`, ...cases, '  </testsuite>'].join('\n');
  });
  const tests = results.reduce((count, result) => count + Math.max(1, result.diagnostics.length), 0);
  return ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="oversight lint" tests="${tests}" failures="${errors}">`, ...suites, '</testsuites>', ''].join('\n');
};

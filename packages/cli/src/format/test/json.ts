import { countCases, type TestFormatter } from './test-formatter.js';

/**
 * The whole report as one JSON document: the counts, then per cases file its
 * problems (core's Diagnostic shape) and every case with the decision it got.
 */
export const formatJson: TestFormatter = ({ files }) => {
  const { cases, failed, problems } = countCases(files);
  const report = {
    cases,
    failed,
    problems,
    files: files.map((file) => ({
      file: file.file,
      ...(file.policy === undefined ? {} : { policy: file.policy }),
      cases: file.results.length,
      failed: countCases([file]).failed,
      problems: file.problems,
      results: file.results.map((result) => ({
        name: result.case.name,
        range: result.case.range,
        passed: result.mismatches.length === 0,
        mismatches: result.mismatches,
        expected: result.case.expect,
        got: result.got,
      })),
    })),
  };
  return JSON.stringify(report, null, 2) + '\n';
};

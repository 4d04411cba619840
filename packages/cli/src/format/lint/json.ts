import { countSeverities, type LintFormatter } from './lint-formatter.js';

/** The whole report as one JSON document: per file its diagnostics (core's Diagnostic shape) and counts. */
export const formatJson: LintFormatter = ({ results }) => {
  const files = results.map((result) => ({ file: result.file, ...countSeverities([result]), diagnostics: result.diagnostics }));
  return JSON.stringify({ ...countSeverities(results), files }, null, 2) + '\n';
};

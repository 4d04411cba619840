import { formatGithub as formatLintGithub } from '../lint/github.js';
import { fileDiagnostics, type TestFormatter } from './test-formatter.js';

/**
 * GitHub workflow annotations, as `oversight lint --format github` writes
 * them: a failed case on its name in the cases file, a problem where it is.
 */
export const formatGithub: TestFormatter = ({ files }) =>
  formatLintGithub({
    // Test diagnostics carry no fixes, so they are lint diagnostics as they are.
    results: files.map((file) => ({ file: file.file, diagnostics: fileDiagnostics(file).map(({ fix: _fix, ...diagnostic }) => diagnostic) })),
    rules: [],
    version: '',
  });

import { formatGithub } from './github.js';
import { formatJson } from './json.js';
import { formatJunit } from './junit.js';
import type { LintFormatter } from './lint-formatter.js';
import { formatSarif } from './sarif.js';
import { formatStylish } from './stylish.js';

export const LINT_FORMATS = ['stylish', 'json', 'sarif', 'github', 'junit'] as const;
export type LintFormat = (typeof LINT_FORMATS)[number];

/** The formatter for each `oversight lint --format`. */
export const lintFormatters: Record<LintFormat, LintFormatter> = {
  stylish: formatStylish,
  json: formatJson,
  sarif: formatSarif,
  github: formatGithub,
  junit: formatJunit,
};

export { countSeverities } from './lint-formatter.js';
export type { LintFormatter, LintReport } from './lint-formatter.js';

import { formatGithub } from './github.js';
import { formatJson } from './json.js';
import { formatJunit } from './junit.js';
import { formatStylish } from './stylish.js';
import type { TestFormatter } from './test-formatter.js';

export const TEST_FORMATS = ['stylish', 'json', 'junit', 'github'] as const;
export type TestFormat = (typeof TEST_FORMATS)[number];

/** The formatter for each `oversight test --format`. */
export const testFormatters: Record<TestFormat, TestFormatter> = {
  stylish: formatStylish,
  json: formatJson,
  junit: formatJunit,
  github: formatGithub,
};

export { countCases } from './test-formatter.js';
export type { CasesFileReport, TestFormatter, TestReport } from './test-formatter.js';

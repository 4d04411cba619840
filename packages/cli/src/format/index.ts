import type { DecisionFormatter } from './formatter.js';
import { jsonlFormatter } from './jsonl.js';
import { createPrettyFormatter } from './pretty.js';

export const FORMATS = ['jsonl', 'pretty'] as const;
export type Format = (typeof FORMATS)[number];

/** The formatter for each `--format`; colour applies where a format has any. */
export const formatters: Record<Format, (options: { color: boolean }) => DecisionFormatter> = {
  jsonl: () => jsonlFormatter,
  pretty: createPrettyFormatter,
};

export type { DecisionFormatter, EvaluatedLine, RouteTally } from './formatter.js';
export { createTally, countDecision } from './tally.js';
export { formatDiagnostics } from './diagnostics.js';

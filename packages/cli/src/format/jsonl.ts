import type { DecisionFormatter } from './formatter.js';

/** JSON Lines for machines: each decision exactly as `evaluate` returned it, one a line, and nothing else. */
export const jsonlFormatter: DecisionFormatter = {
  decision: ({ decision }) => `${JSON.stringify(decision)}\n`,
  end: () => '',
};

// `oversight diff --format json`: the regions for a program (a bot that comments, a dashboard).
import type { PolicyDiff } from '@oversight/analysis';
import type { DiffLabels } from './diff-markdown.js';

export function formatDiffJson(diff: PolicyDiff, labels: DiffLabels): string {
  const report = {
    baseline: { file: labels.baseline, ...diff.baseline },
    candidate: { file: labels.candidate, ...diff.candidate },
    equivalent: diff.equivalent,
    changed: diff.changed.map(({ from, to, where, example }) => ({ from, to, where, example })),
    unknown: diff.unknown.map(({ where, stopped }) => ({ where, ...(stopped === true ? { stopped } : {}) })),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}

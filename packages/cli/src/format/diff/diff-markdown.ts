// `oversight diff` as markdown: what a reviewer of a policy PR reads beside
// the simulation. Policy text (fact names, listed values) is escaped; each
// example is a code span that `oversight eval` reproduces.
import type { PolicyDiff } from '@oversight/analysis';
import { markdownCode, markdownRegion, markdownText } from '../report/markdown-text.js';

export interface DiffLabels {
  baseline: string;
  candidate: string;
}

export function formatDiffMarkdown(diff: PolicyDiff, labels: DiffLabels): string {
  const lines = [`## Policy diff: ${markdownCode(labels.baseline)} → ${markdownCode(labels.candidate)}`, ''];
  const regions = diff.changed.length;
  if (diff.equivalent) {
    lines.push('No input routes differently: the two policies decide every input their facts admit alike.');
    return `${lines.join('\n')}\n`;
  }
  lines.push(
    regions === 0
      ? 'No input the analysis decides routes differently; some inputs it could not decide (below).'
      : `**${regions} region${regions === 1 ? '' : 's'}** of inputs route differently. Facts not named are free; a region holds only facts both policies accept unless it says "invalid". Each example reproduces with \`oversight eval\`.`,
    '',
  );
  const byChange = new Map<string, typeof diff.changed>();
  for (const region of diff.changed) byChange.set(`${region.from} → ${region.to}`, [...(byChange.get(`${region.from} → ${region.to}`) ?? []), region]);
  for (const [change, group] of byChange) {
    lines.push(`### ${markdownText(change)}`, '');
    for (const region of group) {
      lines.push(`- ${markdownRegion(region.where)}`, `  e.g. ${markdownCode(JSON.stringify(region.example))}`);
    }
    lines.push('');
  }
  if (diff.unknown.length > 0) {
    lines.push('### Not decided', '', 'Inputs the analysis could not cut exactly (they may or may not route differently):', '');
    for (const region of diff.unknown) {
      const stopped = region.stopped === true ? ' (the analysis stopped at its limit of boxes: the policies are too large to cut exactly here)' : '';
      lines.push(`- ${markdownRegion(region.where)}${stopped}`);
    }
    lines.push('');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

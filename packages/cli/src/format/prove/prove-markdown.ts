// `oversight prove` as markdown: each claim answered, holds or fails, with
// its regions in words and an example a reader can run with `oversight eval`.
import type { ClaimRegion, ClaimResult } from '@oversight/analysis';
import { markdownCode, markdownRegion, markdownText } from '../report/markdown-text.js';

/** Regions listed a claim before the rest are counted. */
const SHOWN = 10;

export function formatProveMarkdown(results: readonly ClaimResult[], labels: { policy: string; claims: string }): string {
  const lines = [`## Claims: ${markdownCode(labels.policy)}`, '', `${markdownText(labels.claims)}. Each is checked over every input the policy's facts admit.`, ''];
  for (const result of results) {
    const undecided = result.unknown.length > 0 ? ` on every input the analysis decides (${result.unknown.length} region${result.unknown.length === 1 ? '' : 's'} not decided)` : '';
    const first = result.failures[0]?.example;
    lines.push(
      result.holds
        ? `- ✅ **${markdownText(result.name)}** holds${undecided}`
        : `- ❌ **${markdownText(result.name)}** fails${first === undefined ? '' : `, for example: ${markdownCode(JSON.stringify(first))}`}`,
    );
    for (const region of result.failures.slice(0, SHOWN)) lines.push(...regionLines(region));
    if (result.failures.length > SHOWN) lines.push(`  - … and ${result.failures.length - SHOWN} more region${result.failures.length - SHOWN === 1 ? '' : 's'} (--format json lists them all)`);
    for (const region of result.stated.slice(0, SHOWN)) lines.push(...regionLines(region, 'stated: '));
    for (const region of result.unknown.slice(0, SHOWN)) lines.push(...regionLines(region, 'not decided: '));
  }
  return `${lines.join('\n')}\n`;
}

function regionLines(region: ClaimRegion, prefix = ''): string[] {
  const where = markdownRegion(region.where);
  const note = region.note === '' ? '' : `${markdownText(region.note)}: `;
  return [`  - ${prefix}${note}${where}`, ...(region.example === undefined ? [] : [`    e.g. ${markdownCode(JSON.stringify(region.example))}`])];
}

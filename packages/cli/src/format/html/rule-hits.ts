import type { VariantSummary } from '@oversight/simulator';
import { formatCount, formatSignedCount } from './format-number.js';
import { html, type SafeHtml } from './html.js';
import { dataTable } from './table.js';

/** Keys of both sides, the baseline's order (file order for rules) first. */
export function unionKeys(first: Record<string, unknown>, second: Record<string, unknown>): string[] {
  const keys = Object.keys(first);
  for (const key of Object.keys(second)) if (!keys.includes(key)) keys.push(key);
  return keys;
}

/** How often each rule matched under the baseline and the candidate; rules whose count moves are highlighted. */
export function renderRuleHits(baseline: VariantSummary, candidate: VariantSummary): SafeHtml {
  const rows = unionKeys(baseline.ruleHits, candidate.ruleHits).map((rule) => {
    const before = baseline.ruleHits[rule];
    const after = candidate.ruleHits[rule];
    const delta = (after ?? 0) - (before ?? 0);
    const changeClass = delta === 0 ? 'muted' : '';
    return {
      cells: [
        html`<code>${rule}</code>`,
        before === undefined ? html`<span class="muted">not in baseline</span>` : formatCount(before),
        after === undefined ? html`<span class="muted">not in candidate</span>` : formatCount(after),
        html`<span class="${changeClass}">${formatSignedCount(delta)}</span>`,
      ],
    };
  });
  return dataTable(
    [{ label: 'Rule' }, { label: 'Matches, baseline', numeric: true }, { label: 'Candidate', numeric: true }, { label: 'Change', numeric: true }],
    rows,
    'rule-hits',
  );
}

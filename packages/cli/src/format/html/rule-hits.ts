import type { VariantSummary } from '@oversight/simulator';
import { formatCount, formatSignedCount } from '../numbers.js';
import { html, type SafeHtml } from './html.js';
import { orderedUnion } from './ordered-union.js';
import { dataTable } from './table.js';

/** How often each rule matched under the baseline and the candidate; rules whose count moves are highlighted. */
export function renderRuleHits(baseline: VariantSummary, candidate: VariantSummary): SafeHtml {
  const rows = orderedUnion(Object.keys(baseline.ruleHits), Object.keys(candidate.ruleHits)).map((rule) => {
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
    [{ label: 'Rule' }, { label: 'Matches, baseline', numeric: true }, { label: 'Matches, candidate', numeric: true }, { label: 'Change', numeric: true }],
    rows,
    'rule-hits narrow',
  );
}

import type { PolicyRef } from '@oversight/simulator';
import { formatNumber } from '../numbers.js';
import { html, type SafeHtml } from './html.js';
import { orderedUnion } from './ordered-union.js';

const HASH_SHOWN = 19;

/** A hash short enough to read, whole in its tooltip. */
export function shortHash(hash: string): SafeHtml {
  const short = hash.length > HASH_SHOWN ? `${hash.slice(0, HASH_SHOWN)}\u2026` : hash;
  return html`<code title="${hash}">${short}</code>`;
}

/** Each threshold's value; against a baseline, the values that differ are highlighted with the baseline's beside them. */
export function renderThresholds(policy: PolicyRef, against?: PolicyRef): SafeHtml {
  const items = orderedUnion(Object.keys(policy.thresholds), Object.keys(against?.thresholds ?? {})).map((name, index) => {
    const value = policy.thresholds[name];
    const before = against?.thresholds[name];
    const shown = value === undefined ? 'absent' : formatNumber(value);
    const separator = index === 0 ? '' : html`<span class="muted"> · </span>`;
    if (against === undefined || before === value) return html`${separator}<code>${name}</code> ${shown}`;
    const was = before === undefined ? 'absent' : formatNumber(before);
    return html`${separator}<span class="threshold-changed"><code>${name}</code> ${shown}</span> <span class="muted">(baseline ${was})</span>`;
  });
  return items.length === 0 ? html`<span class="muted">none</span>` : html`${items}`;
}

/** Which policy this is: the label it was given, its name, version and hash, and its thresholds. */
export function renderPolicyRef(policy: PolicyRef, against?: PolicyRef): SafeHtml {
  return html`<dl class="facts">
<dt>Label</dt><dd><code>${policy.label}</code></dd>
<dt>Policy</dt><dd><code>${policy.name}</code> version ${policy.version} · ${shortHash(policy.hash)}</dd>
<dt>Thresholds</dt><dd>${renderThresholds(policy, against)}</dd>
</dl>`;
}

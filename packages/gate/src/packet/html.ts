import type { AnswerDecision } from '../types.js';
import { isSafeAnswerUrl } from './answer-url.js';
import { html, SafeHtml } from './html-escape.js';
import { reviewFacts, type Fact, type PacketView } from './packet-view.js';

const CHOICE_LABELS: Record<AnswerDecision, string> = { approve: 'Approve', reject: 'Reject', edit: 'Edit', escalate: 'Escalate' };

/**
 * A packet as an HTML fragment for an email or a review page: one
 * `<article class="oversight-packet">`, no script, no style and nothing
 * loaded from elsewhere, with every value escaped by the `html` template. The
 * choices are buttons of a form that posts `decision` (and `id`) to
 * `answerUrl` when one is given, else a list.
 */
export function renderHtml(view: PacketView, answerUrl?: string, formFields = ''): string {
  if (answerUrl !== undefined && !isSafeAnswerUrl(answerUrl)) {
    throw new RangeError('answerUrl must be an http(s) URL or a relative one: a form posting elsewhere could run code when a reviewer answers');
  }
  const article = html`<article class="oversight-packet" data-route="${view.route}">
<header>
<h2>${view.heading}</h2>
<p class="oversight-route"><strong>${view.routeText}</strong> · policy ${view.policy}</p>
</header>
${listSection('Why', view.why)}${factSection('Proposed action', view.action)}${factSection('Context', view.context)}${factSection('Impact', view.impact)}${factSection('Review', reviewFacts(view))}${choices(view, answerUrl, new SafeHtml(formFields))}${view.id === undefined ? '' : html`<footer>Proposal ${view.id}</footer>\n`}</article>
`;
  return article.text;
}

function listSection(title: string, lines: string[]): SafeHtml {
  if (lines.length === 0) return html``;
  return html`<section><h3>${title}</h3><ul>${lines.map((line) => html`<li>${line}</li>`)}</ul></section>\n`;
}

function factSection(title: string, facts: Fact[]): SafeHtml {
  if (facts.length === 0) return html``;
  return html`<section><h3>${title}</h3><dl>${facts.map((fact) => html`<dt>${fact.name}</dt><dd>${fact.value}</dd>`)}</dl></section>\n`;
}

function choices(view: PacketView, answerUrl: string | undefined, formFields: SafeHtml): SafeHtml {
  if (view.choices.length === 0) return html``;
  if (answerUrl === undefined) {
    return html`<section><h3>Choices</h3><ul class="oversight-choices">${view.choices.map((choice) => html`<li>${CHOICE_LABELS[choice]}</li>`)}</ul></section>\n`;
  }
  const id = view.answerId === undefined ? html`` : html`<input type="hidden" name="id" value="${view.answerId}">`;
  const buttons = view.choices.map((choice) => html`<button name="decision" value="${choice}">${CHOICE_LABELS[choice]}</button>`);
  return html`<form class="oversight-choices" method="post" action="${answerUrl}">${id}${formFields}${buttons}</form>\n`;
}

// One open proposal as the card a reviewer decides from: renderPacket's HTML
// (summary, route, why, the action, context, impact, reviewer and deadline, the
// four choices as buttons posting to /decisions/<id>/answer), with the fields an
// answer needs put inside its form: the session's CSRF token, the reason, and
// the amount an Edit changes. Above it, when it is due and how it got here.
import { ANSWER_DECISIONS, renderPacket, type ProposalView, type Reviewer } from '@oversight/gate';
import { clockText, durationText } from '../time-text.js';
import { html, trusted, type Html } from './html.js';

export interface CardContext {
  now: Date;
  reviewer: Reviewer;
  csrf: string;
  /** The card's place on the page, for its fields' ids. */
  index: number;
}

export function answerUrl(id: string): string {
  return `/decisions/${encodeURIComponent(id)}/answer`;
}

export function card(view: ProposalView, context: CardContext): Html {
  const { proposal } = view;
  const late = proposal.deadline !== undefined && Date.parse(proposal.deadline) <= context.now.getTime();
  return html`<div class="card${late ? ' overdue' : ''}" data-proposal-id="${proposal.id}">
<div class="card-meta">${metaBadges(view, context)}</div>
${withAnswerFields(view, context)}</div>
`;
}

function metaBadges(view: ProposalView, context: CardContext): Html[] {
  const { proposal } = view;
  const badges: Html[] = [];
  if (proposal.deadline !== undefined) {
    const left = Date.parse(proposal.deadline) - context.now.getTime();
    badges.push(
      left > 0
        ? html`<span class="badge due">Due in ${durationText(left)} · by ${clockText(proposal.deadline)}</span>`
        : html`<span class="badge due late">Past its deadline by ${durationText(-left)}: it moves on at the next expiry sweep</span>`,
    );
  }
  if (proposal.reviewer !== undefined && proposal.reviewer !== context.reviewer.role) {
    badges.push(html`<span class="badge">Waits for ${proposal.reviewer}; you answer above it as ${context.reviewer.role}</span>`);
  }
  const moved = proposal.escalations.at(-1);
  if (moved) {
    badges.push(
      moved.cause === 'timeout'
        ? html`<span class="badge note">Escalated from ${moved.from} when its SLA passed</span>`
        : html`<span class="badge note">Escalated from ${moved.from} by ${moved.reviewer?.id ?? 'a reviewer'}${moved.reason && html`: ${moved.reason}`}</span>`,
    );
  }
  if (proposal.linkedTo !== undefined) badges.push(html`<span class="badge note">Edited from ${proposal.linkedTo} by ${proposal.editedBy ?? 'a reviewer'}</span>`);
  if (proposal.proposer) badges.push(html`<span class="badge">Proposed by ${proposal.proposer.id}${proposal.proposer.kind && html` (${proposal.proposer.kind})`}</span>`);
  if (proposal.proposer?.id === context.reviewer.id || proposal.editedBy === context.reviewer.id) {
    badges.push(html`<span class="badge note">You ${proposal.editedBy === context.reviewer.id ? 'edited' : 'proposed'} this: another person must answer it</span>`);
  }
  return badges;
}

function answerFields(view: ProposalView, context: CardContext): Html {
  const { facts } = view.proposal;
  const field = `answer-${context.index}`;
  const currency = typeof facts.currency === 'string' ? facts.currency : undefined;
  return html`<div class="answer-fields">
<input type="hidden" name="csrf" value="${context.csrf}">
<label for="${field}-reason">Reason (needed to reject or edit)<input id="${field}-reason" name="reason" maxlength="500" autocomplete="off" placeholder="Why: the agent, the customer and an auditor read it"></label>
${
  typeof facts.amount === 'number' &&
  html`<label for="${field}-amount">Amount for Edit${currency && html` (${currency})`}<input id="${field}-amount" name="amount" type="number" step="any" value="${String(facts.amount)}"></label>`
}
</div>`;
}

/** The packet with the answer fields inside its form (before the buttons), so they post with whichever button is pressed. */
function withAnswerFields(view: ProposalView, context: CardContext): Html {
  const fields = answerFields(view, context);
  const packet = renderPacket(view.proposal, 'html', { answerUrl: answerUrl(view.proposal.id), formFields: fields.text });
  if (packet.includes('<form class="oversight-choices"')) return trusted(packet);
  // A packet that offers no choices renders no form: the desk still lets the reviewer answer.
  const buttons = ANSWER_DECISIONS.map((decision) => html`<button name="decision" value="${decision}">${decision[0]!.toUpperCase() + decision.slice(1)}</button>`);
  return html`${trusted(packet)}<form class="oversight-choices" method="post" action="${answerUrl(view.proposal.id)}">${fields}${buttons}</form>`;
}

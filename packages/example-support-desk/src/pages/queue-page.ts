// The signed-in reviewer's page: every open proposal their role may answer,
// oldest first, each a card to decide from; then what was settled lately.
import type { Flash } from '../flash.js';
import type { DeskContext } from '../desk-context.js';
import type { Session } from '../session.js';
import { clockText } from '../time-text.js';
import { card } from './card.js';
import { html, type Html } from './html.js';
import { layout } from './layout.js';
import { recentlySettled, settledTable } from './settled-list.js';

export function queuePage(desk: DeskContext, session: Session, csrf: string, flash?: Flash): Html {
  const { reviewer } = session;
  const now = desk.clock();
  const open = desk.gate.open({ role: reviewer.role }).sort((a, b) => (a.proposal.at < b.proposal.at ? -1 : a.proposal.at > b.proposal.at ? 1 : 0));
  const cards = open.map((view, index) => card(view, { now, reviewer, csrf, index }));
  return layout(
    { title: `${open.length} waiting · support desk`, signedIn: { reviewer, csrf }, ...(flash && { flash }) },
    html`<h2 class="section">Waiting for you as ${reviewer.role}: ${open.length}</h2>
<p class="section-note">Oldest first, under policy ${desk.policy.name}@${desk.policy.policy.metadata.version}. Each card holds what you need to decide. Reject and Edit need a reason; Edit sends the action with the amount you enter. <span class="clock">Desk time ${clockText(now.toISOString())}.</span></p>
${cards.length > 0 ? html`<div class="queue">${cards}</div>` : html`<p class="empty">Nothing waits for ${reviewer.role} right now.</p>`}
<h2 class="section">Recently settled</h2>
<p class="section-note">The last 10 decisions settled at this desk, by anyone or by the clock.</p>
${settledTable(recentlySettled(desk.gate.proposals()))}`,
  );
}

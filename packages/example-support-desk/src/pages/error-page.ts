import { html, type Html } from './html.js';
import { layout } from './layout.js';

/** A refused browser request: what went wrong and the way back. */
export function errorPage(status: number, message: string): Html {
  return layout({ title: `${status} · support desk` }, html`<h2 class="section">That did not work (${status})</h2><p class="flash error" role="alert">${message}</p><p><a href="/">Back to the queue</a></p>`);
}

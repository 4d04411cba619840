import type { CompiledPolicy } from '@oversight/core';
import type { Flash } from '../flash.js';
import { html, type Html } from './html.js';
import { layout } from './layout.js';

/** The demo sign-in: a reviewer id and one of the roles the policy declares. */
export function loginPage(policy: CompiledPolicy, flash?: Flash): Html {
  const reviewers = Object.entries(policy.policy.spec.reviewers ?? {});
  return layout(
    { title: 'Sign in · support desk', ...(flash && { flash }) },
    html`<h2 class="section">Sign in to review</h2>
<p class="section-note">Pick the role you review in. The queue shows what that role may answer under policy ${policy.name}.</p>
<form class="login" method="post" action="/login">
<label>Reviewer id <input name="reviewer" required maxlength="100" autocomplete="username" placeholder="ana@example.com"></label>
<label>Role <select name="role" required>${reviewers.map(([role]) => html`<option value="${role}">${role}</option>`)}</select></label>
<button>Sign in</button>
<ul>${reviewers.map(([role, reviewer]) => html`<li><strong>${role}</strong>: answers within ${reviewer.sla}${reviewer.escalateTo && html`, then ${reviewer.escalateTo}`}${reviewer.description && html` · ${reviewer.description}`}</li>`)}</ul>
</form>`,
  );
}

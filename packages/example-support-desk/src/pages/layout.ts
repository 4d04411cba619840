// The frame of every page: the bar with who is signed in, the demo notice, the
// flash message, and the one inline style sheet. No script, nothing loaded from elsewhere.
import type { Reviewer } from '@oversight/gate';
import type { Flash } from '../flash.js';
import { html, trusted, type Html } from './html.js';
import { STYLE } from './style.js';

export interface LayoutOptions {
  title: string;
  /** The signed-in reviewer and their session's CSRF token, for the sign-out form. */
  signedIn?: { reviewer: Reviewer; csrf: string };
  flash?: Flash;
}

export function layout(options: LayoutOptions, body: Html): Html {
  const { signedIn, flash } = options;
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title}</title>
<style>${trusted(STYLE)}</style>
</head>
<body>
<div class="topbar"><div class="inner">
<h1>Support desk · refund review</h1>
${
  signedIn &&
  html`<span class="who">Signed in as <strong>${signedIn.reviewer.id}</strong> · ${signedIn.reviewer.role}</span>
<form method="post" action="/logout"><input type="hidden" name="csrf" value="${signedIn.csrf}"><button>Sign out</button></form>`
}
</div></div>
<main>
<p class="demo-note"><strong>Demo sign-in.</strong> This login is a stand-in for the service's real sign-in: it lets anyone pick any reviewer id and role. A real deployment verifies who the reviewer is with its own sign-in (SSO) and passes that to the gate's identity verifier.</p>
${flash && html`<p class="flash ${flash.kind}" role="status">${flash.text}</p>`}
${body}
</main>
</body>
</html>
`;
}

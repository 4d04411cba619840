import { html, trustedHtml, type SafeHtml } from './html.js';
import { PAGE_STYLE } from './page-style.js';

export interface PageContent {
  title: string;
  body: SafeHtml;
}

// The page may load nothing and run nothing: a report opened from an email or
// a CI artifact must not call home, and text from a history file must never
// become a script even if escaping were wrong somewhere.
const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/** A complete HTML5 document around `body`, with the report style sheet inlined and no external resource. */
export function renderPage({ title, body }: PageContent): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<meta name="generator" content="oversight">
<title>${title}</title>
<style>${trustedHtml(PAGE_STYLE)}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`.text;
}

// Resolving against a base the way a browser resolves a form's action, so what
// we check is what the browser would follow: it strips tabs and line breaks
// and leading controls first, which is how `java\tscript:` gets past a prefix test.
const BASE = 'https://answer.invalid/';

/**
 * Whether a form may post to `url`: http, https, or a URL relative to the page.
 * Anything else (`javascript:`, `data:`) would run or show content of its own
 * when a reviewer presses a choice.
 */
export function isSafeAnswerUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url, BASE);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

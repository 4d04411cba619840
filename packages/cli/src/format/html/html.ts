import { escapeHtml } from './escape-html.js';

/** Markup that is already safe: built by `html`, so every value in it was escaped. */
export class SafeHtml {
  constructor(readonly text: string) {}

  toString(): string {
    return this.text;
  }
}

/** What may stand in a `${}` of `html`: text and numbers are escaped, SafeHtml is kept, lists are joined. */
export type HtmlValue = SafeHtml | string | number | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (value instanceof SafeHtml) return value.text;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return escapeHtml(value);
  return value.map(render).join('');
}

/**
 * Builds HTML (and inline SVG) from a template, escaping every interpolated
 * value unless it is itself SafeHtml. Reports carry strings from policies and
 * history files, which are not ours to trust, so escaping is the default and
 * never a step a caller can forget.
 */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let text = strings[0] ?? '';
  values.forEach((value, index) => {
    text += render(value) + (strings[index + 1] ?? '');
  });
  return new SafeHtml(text);
}

/** Markup written in this codebase (the style sheet), not taken from a report. */
export function trustedHtml(text: string): SafeHtml {
  return new SafeHtml(text);
}

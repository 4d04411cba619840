const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Text as HTML that reads back as the same text, safe both between tags and
 * inside a quoted attribute: a value can open no tag, close no attribute and
 * start no script or entity.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ENTITIES[char] ?? char);
}

/** Markup that is already safe: built by `html`, so every value in it was escaped. */
export class SafeHtml {
  constructor(readonly text: string) {}

  toString(): string {
    return this.text;
  }
}

/** What may stand in a `${}` of `html`: text is escaped, SafeHtml is kept, lists are joined. */
export type HtmlValue = SafeHtml | string | readonly HtmlValue[];

const render = (value: HtmlValue): string =>
  value instanceof SafeHtml ? value.text : typeof value === 'string' ? escapeHtml(value) : value.map(render).join('');

/**
 * Builds HTML from a template, escaping every interpolated value unless it is
 * itself SafeHtml, so escaping is the default and never a step to forget.
 */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let text = strings[0] ?? '';
  values.forEach((value, index) => {
    text += render(value) + (strings[index + 1] ?? '');
  });
  return new SafeHtml(text);
}

// Builds the desk's pages so that escaping is the default: every value put in a
// `${}` of `html` is escaped unless it is already Html (built by `html`, or the
// output of renderPacket, which escapes the packet's values itself).
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text as HTML that reads back as the same text, between tags and inside a quoted attribute alike. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ENTITIES[char] ?? char);
}

/** Markup that is already safe to put on a page. */
export class Html {
  constructor(readonly text: string) {}

  toString(): string {
    return this.text;
  }
}

/** What may stand in a `${}`: text and numbers are escaped, Html is kept, lists are joined, nothing shows as nothing. */
export type HtmlValue = Html | string | number | readonly HtmlValue[] | undefined | null | false;

const render = (value: HtmlValue): string => {
  if (value instanceof Html) return value.text;
  if (value === undefined || value === null || value === false) return '';
  if (typeof value === 'number') return escapeHtml(String(value));
  if (typeof value === 'string') return escapeHtml(value);
  return value.map(render).join('');
};

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): Html {
  let text = strings[0] ?? '';
  values.forEach((value, index) => {
    text += render(value) + (strings[index + 1] ?? '');
  });
  return new Html(text);
}

/** Markup from a renderer that escapes its own values (renderPacket): trusted as it is. */
export function trusted(markup: string): Html {
  return new Html(markup);
}

import { html, type HtmlValue, type SafeHtml } from './html.js';

export interface Column {
  label: string;
  /** Right-aligned, for figures. */
  numeric?: boolean;
  /** A class for the column's cells, e.g. `reason` for free text that should wrap. */
  className?: string;
}

export interface Row {
  cells: readonly HtmlValue[];
  className?: string;
}

function classAttribute(names: readonly (string | undefined | false)[]): SafeHtml {
  const list = names.filter((name): name is string => typeof name === 'string' && name !== '');
  return list.length === 0 ? html`` : html` class="${list.join(' ')}"`;
}

/** A plain data table; cells line up with `columns`, and numeric columns are right-aligned. */
export function dataTable(columns: readonly Column[], rows: readonly Row[], className = ''): SafeHtml {
  const head = columns.map((column) => html`<th${classAttribute([column.numeric === true && 'num'])}>${column.label}</th>`);
  const body = rows.map((row) => {
    const cells = row.cells.map((cell, index) => {
      const column = columns[index];
      return html`<td${classAttribute([column?.numeric === true && 'num', column?.className])}>${cell}</td>`;
    });
    return html`<tr${classAttribute([row.className])}>${cells}</tr>`;
  });
  return html`<div class="table-wrap"><table${classAttribute(['data', className])}><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></div>`;
}

import type { Range } from '@oversight/core';

/** `# oversight-lint-disable-next-line <id>[, <id>...] -- reason`, on a line of its own. */
export interface DisableDirective {
  /** 1-based line of the comment; it silences findings that start on the next line. */
  line: number;
  ruleIds: string[];
  reason: string | undefined;
  range: Range;
}

const DIRECTIVE = /^(\s*)(#\s*oversight-lint-disable-next-line\b(.*))$/;

/**
 * Finds the disable comments of a policy. Only whole-line comments count: a
 * line that starts with `#` is a comment anywhere in YAML except inside a
 * block scalar, where nobody writes a directive.
 */
export function parseDisableDirectives(text: string): DisableDirective[] {
  const directives: DisableDirective[] = [];
  text.split(/\r?\n/).forEach((content, index) => {
    const match = DIRECTIVE.exec(content);
    if (match === null) return;
    const [body = '', reasonText] = (match[3] ?? '').split(/\s--(?:\s|$)/, 2) as [string?, string?];
    const reason = reasonText?.trim();
    const line = index + 1;
    const start = match[1]!.length + 1;
    directives.push({
      line,
      ruleIds: body.split(/[\s,]+/).filter((id) => id !== ''),
      reason: reason === undefined || reason === '' ? undefined : reason,
      range: { start: { line, column: start }, end: { line, column: start + match[2]!.length } },
    });
  });
  return directives;
}

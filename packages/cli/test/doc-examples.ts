/**
 * The TypeScript examples of the README and docs/*.md, made into modules a
 * test can run (docs/rules/ has its own, run by the lint package).
 *
 * The convention, for writers of the docs:
 * - every ```ts block runs, as an ES module, from the repository root;
 * - a stated result is a trailing comment on an expression statement,
 *   `decision.route; // → 'approve_before'` (or `// => ...`): the value is a
 *   JavaScript expression, and the test asserts that the statement's value
 *   deeply equals it;
 * - a block that cannot run says so just above its fence, with the reason:
 *   `<!-- not runnable: reason -->`.
 */
export interface DocExample {
  file: string;
  /** 1-based line of the opening fence. */
  line: number;
  code: string;
  /** The reason given by a `<!-- not runnable: reason -->` marker, if any. */
  notRunnable: string | undefined;
}

const FENCE = /^\s*(`{3,}|~{3,})\s*([^\s`]*)/;
const NOT_RUNNABLE = /^<!--\s*not runnable:\s*(.*?)\s*-->$/;
const STATED = /^(\s*)(.+?);?\s*\/\/ (?:→|=>) (.+)$/;

/** Every ```ts (or ```typescript) block of a markdown text, with the marker above it. */
export function extractExamples(file: string, text: string): DocExample[] {
  const lines = text.split('\n');
  const examples: DocExample[] = [];
  for (let open = 0; open < lines.length; open++) {
    const fence = FENCE.exec(lines[open]!);
    if (fence === null) continue;
    let close = open + 1;
    while (close < lines.length && lines[close]!.trim() !== fence[1]) close++;
    if (fence[2] === 'ts' || fence[2] === 'typescript') {
      let above = open - 1;
      while (above >= 0 && lines[above]!.trim() === '') above--;
      const marker = NOT_RUNNABLE.exec(lines[above]?.trim() ?? '');
      examples.push({ file, line: open + 1, code: lines.slice(open + 1, close).join('\n'), notRunnable: marker?.[1] });
    }
    open = close;
  }
  return examples;
}

/**
 * How many `not runnable` markers a text holds that are not just above a
 * shell block (readme-commands.test.ts reads those): each must sit just above
 * a ```ts block.
 */
export function countMarkers(text: string): number {
  const lines = text.split('\n');
  return lines.filter((line, i) => {
    if (!NOT_RUNNABLE.test(line.trim())) return false;
    const next = lines.slice(i + 1).find((candidate) => candidate.trim() !== '') ?? '';
    return !/^\s*```(sh)?\s*$/.test(next);
  }).length;
}

/** The example as a module: each stated result becomes an assertion naming the doc's line. */
export function exampleModule(example: DocExample): string {
  const body = example.code.split('\n').map((text, i) => {
    const stated = STATED.exec(text);
    if (stated === null) return text;
    const where = JSON.stringify(`${example.file}:${example.line + 1 + i}`);
    return `${stated[1]}__expect(${stated[2]}, ${where}).toEqual(${stated[3]});`;
  });
  // On the first line, so the module's line numbers are the block's.
  return `import { expect as __expect } from 'vitest'; ${body.join('\n')}\n`;
}

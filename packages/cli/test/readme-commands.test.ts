// Every command the README shows runs here, in-process, with the clock pinned:
// its exit code must be 0 (or what a trailing `# exits N` says), and the output
// a `$ command` block shows must be what it prints (`...` elides lines). A
// block that cannot run says why just above its fence: `<!-- not runnable: reason -->`.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { memoryIo } from './memory-io.js';
import { run } from '../src/run.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const BIN = 'node packages/cli/dist/bin.js ';
const NOT_RUNNABLE = /^<!--\s*not runnable:\s*(.+?)\s*-->$/;
// The README's lint output holds while the shipped policies' review dates lie ahead.
const NOW = new Date('2026-12-02T12:00:00Z');

interface Command {
  line: number;
  args: string[];
  stdin?: string;
  exitCode: number;
  /** Lines shown after a `$ command`, to find in its output. */
  shown: string[];
}

interface Block {
  line: number;
  body: string[];
  notRunnable?: string;
}

function shellBlocks(text: string): Block[] {
  const lines = text.split('\n');
  const blocks: Block[] = [];
  for (let open = 0; open < lines.length; open++) {
    const fence = /^```(\w*)$/.exec(lines[open]!);
    if (fence === null) continue;
    let close = open + 1;
    while (close < lines.length && lines[close] !== '```') close++;
    if (fence[1] === '' || fence[1] === 'sh') {
      let above = open - 1;
      while (above >= 0 && lines[above]!.trim() === '') above--;
      blocks.push({ line: open + 1, body: lines.slice(open + 1, close), notRunnable: NOT_RUNNABLE.exec(lines[above]?.trim() ?? '')?.[1] });
    }
    open = close;
  }
  return blocks;
}

// Words of a command line, single quotes kept together, as the shell reads them here.
const words = (text: string): string[] => [...text.matchAll(/'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2]!);

function commands(block: Block): Command[] {
  // Join continuation lines, keeping the line the command starts on.
  const joined: { line: number; text: string }[] = [];
  block.body.forEach((text, i) => {
    const last = joined.at(-1);
    if (last?.text.endsWith('\\')) last.text = `${last.text.slice(0, -1).trimEnd()} ${text.trim()}`;
    else joined.push({ line: block.line + 1 + i, text });
  });
  const found: Command[] = [];
  joined.forEach(({ line, text }, i) => {
    const prompt = text.startsWith('$ ');
    const command = prompt ? text.slice(2) : text;
    const [piped, invoked] = command.includes(`| ${BIN}`) ? command.split(`| ${BIN}`) : [undefined, command.startsWith(BIN) ? command.slice(BIN.length) : undefined];
    if (invoked === undefined) return;
    const [argsText, comment] = invoked.split(/\s+#\s*/);
    const stdin = piped === undefined ? undefined : `${words(piped.trim()).slice(1).join(' ')}\n`;
    const shown = prompt ? joined.slice(i + 1).map((next) => next.text).filter((next) => next !== '' && next !== '...') : [];
    found.push({ line, args: words(argsText!), stdin, exitCode: Number(/exits (\d)/.exec(comment ?? '')?.[1] ?? 0), shown });
  });
  return found;
}

const readme = readFileSync(new URL('README.md', `file://${ROOT}`), 'utf8');
const blocks = shellBlocks(readme);

describe("the README's commands", () => {
  it('finds an oversight command in every block not marked not runnable (the marker needs a reason)', () => {
    for (const block of blocks) {
      if (block.notRunnable !== undefined) continue;
      expect(commands(block).length, `README.md:${block.line}: a block with no oversight command must be marked <!-- not runnable: reason -->`).toBeGreaterThan(0);
    }
  });

  for (const block of blocks.filter((candidate) => candidate.notRunnable === undefined)) {
    for (const command of commands(block)) {
      it(`README.md:${command.line}: oversight ${command.args.slice(0, 2).join(' ')} exits ${command.exitCode} and prints what the README shows`, async () => {
        const memory = memoryIo({ cwd: ROOT, stdin: command.stdin, now: NOW });
        const exitCode = await run(command.args, memory.io);
        expect(exitCode, memory.stderr()).toBe(command.exitCode);
        const output = memory.stdout() + memory.stderr();
        for (const shown of command.shown) expect(output, `README.md:${command.line}`).toContain(shown);
      });
    }
  }
});

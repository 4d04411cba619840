import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { verifyLog, type LogVerification } from '@oversight/gate';
import { EXIT } from '../exit-codes.js';
import { describeFileError, openFileStream } from '../files/file-access.js';
import { escapeControls } from '../format/escape-controls.js';
import type { CliIo } from '../io.js';
import { writeText } from '../output/write-text.js';
import { LineReader } from '../files/line-reader.js';
import { registerLogExportCommand } from './log-export.js';

const FORMATS = ['text', 'json'] as const;
type LogFormat = (typeof FORMATS)[number];

const VERIFY_HELP_AFTER = `
Checks a decision log written by @oversight/gate (or any v1 history):
  - every line is a history record or a log event, by its schema;
  - the hash chain holds from its first line: each line's prev is the sha256
    of the line before it, so an edited, removed or reordered line is found;
  - every answer follows its proposal, and nothing is settled twice;
  - a settled decision keeps the facts it was proposed with;
  - the file ends with a newline (a torn last line is a write a crash cut short).
A plain v1 history, with no chain and no events, is a sound log. The chain
cannot show lines removed from the end: keep the printed head hash elsewhere
(a ticket, a commit) and compare it later.

Examples:
  $ oversight log verify support-desk.decisions.jsonl
  $ oversight log verify decisions.jsonl --format json

Exit codes:
  0  the log is sound
  1  the log has problems (each printed with its line number)
  2  the file cannot be read`;

export function registerLogCommand(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  const log = program.command('log').description('Check a decision log the review loop wrote, or export its settled decisions as a history.');
  log
    .command('verify')
    .description('Check that a decision log is sound: schema, order, answers after proposals, the hash chain.')
    .argument('<file>', 'the decision log (JSON Lines)')
    .addOption(new Option('--format <format>', 'output format').choices(FORMATS).default('text'))
    .addHelpText('after', VERIFY_HELP_AFTER)
    .action(async (file: string, options: { format: LogFormat }) => setExitCode(await verifyLogFile(file, options.format, io)));
  registerLogExportCommand(log, io, setExitCode);
}

async function verifyLogFile(file: string, format: LogFormat, io: CliIo): Promise<number> {
  let stream: AsyncIterable<string>;
  try {
    stream = (await (io.openFile ?? openFileStream)(resolve(io.cwd, file))) as AsyncIterable<string>;
  } catch (error) {
    await writeText(io.stderr, `oversight log verify: cannot read '${escapeControls(file)}': ${describeFileError(error)}\n`);
    return EXIT.usage;
  }
  const reader = new LineReader(stream);
  let result: LogVerification;
  try {
    result = await verifyLog(reader.lines());
  } catch (error) {
    await writeText(io.stderr, `oversight log verify: cannot read '${escapeControls(file)}': ${describeFileError(error)}\n`);
    return EXIT.usage;
  }
  if (reader.torn) result = { ...result, sound: false, problems: [...result.problems, { line: result.lines, message: 'the last line has no newline: a write was cut short (a gate sets a torn line aside when it opens the log)' }] };
  await writeText(io.stdout, format === 'json' ? JSON.stringify({ file, ...result }, null, 2) + '\n' : verificationText(file, result));
  return result.sound ? EXIT.ok : EXIT.inputError;
}

function verificationText(file: string, result: LogVerification): string {
  const name = escapeControls(file);
  const counts = `${result.lines} line${result.lines === 1 ? '' : 's'} (${result.records} decision${result.records === 1 ? '' : 's'}, ${result.events} log event${result.events === 1 ? '' : 's'}), ${result.open} waiting for a person`;
  const chain = result.chainStartsAt === undefined ? 'no hash chain (a plain history)' : `hash chain from line ${result.chainStartsAt}, head ${result.head}`;
  const lines = result.problems.map((problem) => `${name}:${problem.line}: ${escapeControls(problem.message)}`);
  const verdict = result.sound ? `${name}: sound: ${counts}; ${chain}` : `${name}: ${result.problems.length} problem${result.problems.length === 1 ? '' : 's'} in ${counts}`;
  return [...lines, verdict].join('\n') + '\n';
}

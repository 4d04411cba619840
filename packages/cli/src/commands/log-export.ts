// `oversight log export`: the settled decisions of a decision store, as the v1
// history `oversight simulate` replays. A PostgreSQL store is read in log
// order; a JSON Lines log is read as a file (no lock taken: a running server
// may hold it), its event lines and hash chain left out.
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { parseJson } from '@oversight/core';
import { isEventLine, type LogEntry } from '@oversight/gate';
import { PostgresDecisionStore } from '@oversight/postgres';
import { isPostgresUrl } from '@oversight/server';
import { EXIT } from '../exit-codes.js';
import { describeFileError, openFileStream } from '../files/file-access.js';
import { LineReader } from '../files/line-reader.js';
import { escapeControls } from '../format/escape-controls.js';
import type { CliIo } from '../io.js';
import { replaceFile } from '../output/replace-file.js';
import { writeText } from '../output/write-text.js';

const EXPORT_HELP_AFTER = `
Writes one JSON line per settled decision (auto and deny at once; the others
once a person answered or the SLA ran out), in log order: v1 history records
with the loop's details (who answered, when, the facts approved), which
oversight simulate and oversight report read as they are. Proposals still
waiting for a person are left out. --store is a JSON Lines decision log or a
PostgreSQL connection string (postgres://user@host:port/db), as oversight
serve takes it.

Examples:
  $ oversight log export --store postgres://oversight@db.internal/oversight > history.jsonl
  $ oversight log export --store decisions.jsonl --output history.jsonl
  $ oversight simulate policies/support-refunds.yaml history.jsonl

Exit codes:
  0  every settled decision was written
  1  the log has a line that is not a JSON object (named; with --output nothing is written)
  2  the store cannot be read`;

export function registerLogExportCommand(log: Command, io: CliIo, setExitCode: (code: number) => void): void {
  log
    .command('export')
    .description('Write the settled decisions of a decision store (a JSONL log or PostgreSQL) as a v1 history that simulate replays.')
    .requiredOption('--store <store>', 'a JSON Lines decision log, or postgres://... ')
    .option('--output <file>', 'write the history to this file (replaced whole, only once complete) instead of stdout')
    .addHelpText('after', EXPORT_HELP_AFTER)
    .action(async (options: { store: string; output?: string }) => setExitCode(await exportLog(options, io)));
}

class BadLine extends Error {}

async function exportLog(options: { store: string; output?: string }, io: CliIo): Promise<number> {
  const isPostgres = isPostgresUrl(options.store);
  const write = async (out: (text: string) => Promise<void>): Promise<number> => {
    let count = 0;
    let batch = '';
    for await (const entry of isPostgres ? postgresEntries(options.store) : fileEntries(resolve(io.cwd, options.store), io)) {
      if (isEventLine(entry)) continue;
      batch += JSON.stringify(entry) + '\n';
      count++;
      if (batch.length > 1 << 16) {
        await out(batch);
        batch = '';
      }
    }
    await out(batch);
    return count;
  };
  const where = isPostgres ? redactUrl(options.store) : `'${escapeControls(options.store)}'`;
  try {
    const count = options.output
      ? await exportToFile(resolve(io.cwd, options.output), write)
      : await write((text) => writeText(io.stdout, text));
    await writeText(io.stderr, `oversight log export: ${count} settled decision${count === 1 ? '' : 's'} from ${where}\n`);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof BadLine) {
      await writeText(io.stderr, `oversight log export: ${error.message}\n`);
      return EXIT.inputError;
    }
    await writeText(io.stderr, `oversight log export: cannot read ${where}: ${describeFileError(error)}\n`);
    return EXIT.usage;
  }
}

async function exportToFile(target: string, write: (out: (text: string) => Promise<void>) => Promise<number>): Promise<number> {
  let count = 0;
  await replaceFile(target, async (handle) => {
    count = await write(async (text) => void (await handle.writeFile(text)));
  });
  return count;
}

async function* postgresEntries(url: string): AsyncIterable<LogEntry> {
  const store = await PostgresDecisionStore.open(url);
  try {
    yield* store.read();
  } finally {
    await store.close();
  }
}

async function* fileEntries(path: string, io: CliIo): AsyncIterable<LogEntry> {
  const reader = new LineReader((await (io.openFile ?? openFileStream)(path)) as AsyncIterable<string>);
  let number = 0;
  for await (const line of reader.lines()) {
    number++;
    // A torn last line is a write a crash cut short: never a record (the gate sets it aside on open).
    if (reader.torn || line.trim() === '') continue;
    const parsed = parseJson(line);
    if (!parsed.ok || parsed.value === null || typeof parsed.value !== 'object' || Array.isArray(parsed.value)) {
      throw new BadLine(`${escapeControls(path)}:${number}: ${parsed.ok ? 'not a JSON object' : parsed.error.message}; run oversight log verify on it`);
    }
    const { prev: _chain, ...entry } = parsed.value as LogEntry & { prev?: unknown };
    yield entry;
  }
}

/** A connection string without its password, for messages. */
function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'the PostgreSQL store';
  }
}

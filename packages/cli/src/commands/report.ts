import { Option, type Command } from 'commander';
import type { CompiledPolicy } from '@oversight/core';
import { parsePercent, ReviewTally, type ReviewReport } from '@oversight/simulator';
import { EXIT } from '../exit-codes.js';
import { describeFileError, openFileStream } from '../files/file-access.js';
import { formatReviewHtml } from '../format/html/review-html.js';
import { formatReviewMarkdown, type ReviewGrouping } from '../format/report/review-markdown.js';
import { findHistoryFiles } from '../history/history-files.js';
import type { CliIo } from '../io.js';
import { collect, valueOrThrow, wholeNumber } from '../options/budget-options.js';
import { writeReport } from '../output/write-report.js';
import { writeText } from '../output/write-text.js';
import { readPolicyText } from './simulate.js';

const FORMATS = ['markdown', 'json', 'html'] as const;
type ReviewFormat = (typeof FORMATS)[number];
const GROUPINGS: readonly ReviewGrouping[] = ['rule', 'role', 'reviewer', 'route', 'week'];

interface ReportOptions {
  history: string[];
  policy?: string;
  since?: string;
  until?: string;
  by: ReviewGrouping;
  format: ReviewFormat;
  out?: string;
  ceremonialLevel?: number;
  minReviews?: number;
  minRecords?: number;
}

const REPORT_HELP_AFTER = `
Reads a history (or a decision log) once, in constant memory, and reports what
reviewers did: volume, approval, rejection, edit, escalation and expiry rates,
turnaround against each role's SLA (give --policy), reasons, and whether
review catches errors (downstream error rates of automatic and approved
decisions, with 95% intervals). It names:
  - ceremonial checkpoints: rules whose reviews are approved unchanged at a
    rate whose 95% lower bound is above --ceremonial-level, over at least
    --min-reviews reviews, and whose approved decisions fail no more often
    later than automatic ones;
  - rubber-stamping signals: reviewers who approve far faster than their
    peers in the role, or approve everything.
Every figure says how many records it rests on; figures on fewer than
--min-records are marked, never hidden.

Examples:
  $ oversight report --history policies/history/sales-outreach.history.jsonl --policy policies/sales-outreach.yaml
  $ oversight report --history history/ --since 2026-10-01 --by reviewer --format html --out review.html

Exit codes:
  0  the report was written
  1  the history has no records (of the policy, in the period)
  2  usage error, or a policy or history that cannot be read`;

export function registerReportCommand(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  const command = program
    .command('report')
    .description('Report what reviewers did: which checkpoints protect, which are ceremony, who rubber-stamps, whether review catches errors.')
    .option('--history <path>', 'history or decision log JSON Lines: a file, a directory, or a glob; repeat for more (required)', collect, [])
    .option('--policy <policy>', "the policy: its roles' SLAs, and only its records (a file, or revision:path from git)")
    .option('--since <date>', 'only decisions at or after this date (YYYY-MM-DD, or a date-time with zone)')
    .option('--until <date>', 'only decisions before the end of this date (or before this date-time)')
    .addOption(new Option('--by <grouping>', 'the table the markdown report shows (json and html have them all)').choices(GROUPINGS).default('rule'))
    .addOption(new Option('--format <format>', 'markdown for a ticket, json for machines, html to open in a browser').choices(FORMATS).default('markdown'))
    .option('--out <file>', 'write the report to a file instead of stdout')
    .addOption(new Option('--ceremonial-level <pct>', "approved-unchanged rate a checkpoint's 95% lower bound must pass to be named ceremonial").argParser(percent).default(undefined, '98%'))
    .addOption(new Option('--min-reviews <n>', 'reviews a checkpoint needs before it can be named ceremonial').argParser(wholeNumber(1)).default(undefined, '30'))
    .addOption(new Option('--min-records <n>', 'figures on fewer records are marked as resting on too few').argParser(wholeNumber(1)).default(undefined, '30'))
    .showHelpAfterError("Run 'oversight report --help' for usage.")
    .addHelpText('after', REPORT_HELP_AFTER);
  command.action(async (options: ReportOptions) => {
    const usageError = (message: string): never => command.error(message, { exitCode: EXIT.usage, code: 'oversight.usage' });
    setExitCode(await runReport(options, io, usageError));
  });
}

function percent(text: string): number {
  return valueOrThrow(parsePercent(text, 100)) / 100;
}

async function runReport(options: ReportOptions, io: CliIo, usageError: (message: string) => never): Promise<number> {
  if (options.history.length === 0) usageError("error: required option '--history <path>' not specified");
  let policy: CompiledPolicy | undefined;
  if (options.policy !== undefined) {
    const read = await readPolicyText(options.policy, options.policy, io);
    if (read === undefined) return EXIT.usage;
    policy = read.plan;
  }
  let tally: ReviewTally;
  try {
    tally = new ReviewTally({
      ...(policy && { policy }),
      ...(options.since !== undefined && { since: options.since }),
      ...(options.until !== undefined && { until: options.until }),
      ceremonial: { ...(options.ceremonialLevel !== undefined && { level: options.ceremonialLevel }), ...(options.minReviews !== undefined && { minReviews: options.minReviews }) },
      ...(options.minRecords !== undefined && { minRecords: options.minRecords }),
    });
  } catch (error) {
    if (error instanceof RangeError) usageError(`error: ${error.message}`);
    throw error;
  }
  const found = await findHistoryFiles(options.history, io.cwd);
  if (!found.ok) usageError(`error: ${found.message}`);
  for (const file of found.files) {
    let chunks: AsyncIterable<string>;
    try {
      chunks = (await (io.openFile ?? openFileStream)(file.path)) as AsyncIterable<string>;
    } catch (error) {
      await writeText(io.stderr, `error: cannot read history '${file.name}': ${describeFileError(error)}\n`);
      return EXIT.usage;
    }
    tally.startSource(file.name);
    const splitter = tally.lineSplitter();
    for await (const chunk of chunks) splitter.push(chunk);
    splitter.end();
  }
  const report = tally.result();
  const failed = await writeReport(formatted(report, options), options.out, io);
  if (failed !== undefined) {
    await writeText(io.stderr, `error: ${failed}\n`);
    return EXIT.usage;
  }
  if (report.history.records === 0) {
    await writeText(io.stderr, `oversight report: no records${report.policy ? ` of policy '${report.policy.name}'` : ''}${options.since || options.until ? ' in the period' : ''} in the history\n`);
    return EXIT.inputError;
  }
  return EXIT.ok;
}

function formatted(report: ReviewReport, options: ReportOptions): string {
  switch (options.format) {
    case 'json':
      return JSON.stringify(report, null, 2) + '\n';
    case 'html':
      return formatReviewHtml(report);
    case 'markdown':
      return formatReviewMarkdown(report, options.by);
  }
}

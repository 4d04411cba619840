import { Option, type Command } from 'commander';
import { parseSweepRange, sweepPoints, sweepReport, type SweepOptions as Sweep, type SweepRange, type SweepReport } from '@oversight/simulator';
import { sweepVariants } from '@oversight/simulator/internal';
import { EXIT } from '../exit-codes.js';
import { formatSweepHtml } from '../format/html/sweep-html.js';
import { formatSweepMarkdown } from '../format/report/sweep-text.js';
import { findHistoryFiles } from '../history/history-files.js';
import { runReplay } from '../history/run-replay.js';
import type { CliIo } from '../io.js';
import { collect, valueOrThrow, wholeNumber } from '../options/budget-options.js';
import { engineOption, type Engine } from '../options/engine.js';
import { rejectRemovedJobs } from '../options/removed-jobs.js';
import { writeReport } from '../output/write-report.js';
import { writeText } from '../output/write-text.js';
import { readPolicyText, REPORT_FORMATS, type ReportFormat } from './simulate.js';

interface SweepOptions {
  history: string[];
  vary: SweepRange[];
  format: ReportFormat;
  out?: string;
  allowInvalid: number;
  engine: Engine;
}

const formatReport: Record<ReportFormat, (report: SweepReport) => string> = {
  markdown: formatSweepMarkdown,
  json: (report) => JSON.stringify(report, null, 2) + '\n',
  html: formatSweepHtml,
};

function parseVary(text: string, previous: readonly SweepRange[]): SweepRange[] {
  return [...previous, valueOrThrow(parseSweepRange(text))];
}

/** `oversight sweep`: every point of the grid in one pass over the history. */
export async function runSweep(policyFile: string, options: SweepOptions, io: CliIo, usageError: (message: string) => never): Promise<number> {
  if (options.history.length === 0) usageError("error: required option '--history <path>' not specified");
  if (options.vary.length === 0) usageError("error: required option '--vary <name=from:to:step>' not specified");
  const policy = await readPolicyText(policyFile, policyFile, io);
  if (policy === undefined) return EXIT.usage;
  const points = sweepPoints(policy.plan, options.vary);
  if (!points.ok) usageError(`error: ${points.message}`);
  const found = await findHistoryFiles(options.history, io.cwd, { duckdb: options.engine === 'duckdb' });
  if (!found.ok) usageError(`error: ${found.message}`);

  const sweep: Sweep = { label: policy.label, plan: policy.plan, vary: options.vary, points: points.value };
  const replay = await runReplay(found.files, sweepVariants(sweep), { engine: options.engine, examples: 0, candidateExamples: false }, io);
  if (!replay.ok) {
    await writeText(io.stderr, `${replay.message}\n`);
    return EXIT.usage;
  }
  const report = sweepReport(replay.state, sweep);
  const failed = await writeReport(formatReport[options.format](report), options.out, io);
  if (failed !== undefined) {
    await writeText(io.stderr, `error: ${failed}\n`);
    return EXIT.usage;
  }
  if (report.history.invalid.count > options.allowInvalid) {
    await writeText(io.stderr, `oversight sweep: ${report.history.invalid.count} history line(s) could not be read (allowed: ${options.allowInvalid}); run simulate to see which\n`);
    return EXIT.inputError;
  }
  if (report.fidelity.of === 0) {
    await writeText(io.stderr, `oversight sweep: the history has no records of policy '${report.policy.name}'\n`);
    return EXIT.inputError;
  }
  return EXIT.ok;
}

const SWEEP_HELP_AFTER = `
Each --vary is name=from:to:step over a threshold the policy declares, within
its min and max; several --vary make a grid. The history is read once, and
every point decided on each record. --engine duckdb gives the same report
from DuckDB embedded, every point in one query, and reads Parquet and CSV histories.

Examples:
  $ oversight sweep policies/support-refunds.yaml --history policies/history/support-refunds.history.jsonl \\
      --vary autoRefundMax=0:200:25
  $ oversight sweep policies/support-refunds.yaml --history history/ \\
      --vary autoRefundMax=0:200:25 --vary minConfidence=0.8:0.99:0.01 --format html --out sweep.html
  $ oversight sweep --engine duckdb policies/support-refunds.yaml --history 'history/*.jsonl' \\
      --vary autoRefundMax=0:196:4

Exit codes:
  0  every point was replayed
  1  history lines could not be read (more than --allow-invalid), or none is of this policy
  2  usage error, or a policy or history that cannot be read or loaded`;

/** Adds `oversight sweep` to the program. */
export function registerSweepCommand(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  const command = program
    .command('sweep')
    .description('Vary thresholds over a range in one pass over history: reviewer load against escapes, and the Pareto front.')
    .argument('<policy>', 'the policy file (YAML), or revision:path from git')
    .option('--history <path>', 'history JSON Lines: a file, a directory, or a glob; repeat for more (required)', collect, [])
    .addOption(new Option('--vary <name=from:to:step>', 'a threshold and its range (inclusive); repeat for a grid (required)').argParser(parseVary).default([]))
    .addOption(new Option('--format <format>', 'markdown table, json, or html with the trade-off curve').choices(REPORT_FORMATS).default('markdown'))
    .option('--out <file>', 'write the report to a file instead of stdout')
    .addOption(new Option('--allow-invalid <n>', 'history lines that may be unreadable without failing').argParser(wholeNumber(0)).default(0))
    .addOption(engineOption())
    .showHelpAfterError("Run 'oversight sweep --help' for usage.")
    .addHelpText('after', SWEEP_HELP_AFTER);

  rejectRemovedJobs(command);
  command.action(async (policyFile: string, options: SweepOptions) => {
    const usageError = (message: string): never => command.error(message, { exitCode: EXIT.usage, code: 'oversight.usage' });
    setExitCode(await runSweep(policyFile, options, io, usageError));
  });
}

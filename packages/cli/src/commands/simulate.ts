import { Option, type Command } from 'commander';
import type { Budgets, PolicyUnderTest, SimulateOptions as Simulation, SimulationReport } from '@oversight/simulator';
import { simulationReport } from '@oversight/simulator';
import { simulationVariants } from '@oversight/simulator/internal';
import { EXIT } from '../exit-codes.js';
import { readTextFile } from '../files/file-access.js';
import { formatDiagnostics } from '../format/diagnostics.js';
import { formatSimulationHtml } from '../format/html/simulation-html.js';
import { formatSimulationMarkdown } from '../format/report/simulation-markdown.js';
import { findHistoryFiles } from '../history/history-files.js';
import { RegionMoves } from '../history/region-moves.js';
import { runReplay } from '../history/run-replay.js';
import type { CliIo } from '../io.js';
import { collect, parseFidelity, parseMaxEscapes, parseReviewIncrease, wholeNumber } from '../options/budget-options.js';
import { engineOption, type Engine } from '../options/engine.js';
import { rejectRemovedJobs } from '../options/removed-jobs.js';
import { parseThresholdOption, resolveThresholds, type ThresholdOverride } from '../options/threshold.js';
import { writeReport } from '../output/write-report.js';
import { writeText } from '../output/write-text.js';
import { gitShow } from '../policy/git-show.js';
import { readPolicy } from '../policy/read-policy.js';

export const REPORT_FORMATS = ['markdown', 'json', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

interface SimulateOptions {
  baseline: string;
  candidate: string[];
  threshold: ThresholdOverride[];
  history: string[];
  format: ReportFormat;
  out?: string;
  maxEscapes?: Budgets['maxEscapes'];
  maxReviewIncrease?: number;
  minFidelity?: number;
  allowInvalid: number;
  examples: number;
  engine: Engine;
  /** false with --no-regions. */
  regions: boolean;
}

const formatReport: Record<ReportFormat, (report: SimulationReport) => string> = {
  markdown: formatSimulationMarkdown,
  json: (report) => JSON.stringify(report, null, 2) + '\n',
  html: formatSimulationHtml,
};

/** Reads a policy for a replay: a file or `revision:path`; prints diagnostics. Undefined when it cannot be used. */
export async function readPolicyText(file: string, label: string, io: CliIo): Promise<PolicyUnderTest | undefined> {
  const read = await readPolicy(file, io.cwd, io.readFile ?? readTextFile, gitShow);
  if (!read.ok) {
    await writeText(io.stderr, read.report);
    return undefined;
  }
  await writeText(io.stderr, formatDiagnostics(read.warnings));
  return { label, plan: read.plan };
}

/** `oversight simulate`: returns the exit code; `usageError` does not return. */
export async function runSimulate(options: SimulateOptions, io: CliIo, usageError: (message: string) => never): Promise<number> {
  if (options.history.length === 0) usageError("error: required option '--history <path>' not specified");
  if (options.candidate.length === 0 && options.threshold.length === 0) {
    usageError('error: nothing to compare: give --candidate <policy>, or --threshold name=value to vary the baseline');
  }
  const baseline = await readPolicyText(options.baseline, options.baseline, io);
  if (baseline === undefined) return EXIT.usage;
  const candidates: PolicyUnderTest[] = [];
  const overridesText = options.threshold.map(({ name, value }) => `${name}=${value}`).join(', ');
  const sources = options.candidate.length > 0 ? options.candidate : [undefined];
  for (const file of sources) {
    const policy = file === undefined ? baseline : await readPolicyText(file, file, io);
    if (policy === undefined) return EXIT.usage;
    const resolved = resolveThresholds(options.threshold, policy.plan.policy);
    if (!resolved.ok) usageError(`error: ${resolved.message}`);
    const label = file === undefined ? `${baseline.label} with ${overridesText}` : overridesText === '' ? file : `${file} with ${overridesText}`;
    candidates.push({ label, plan: policy.plan, thresholds: resolved.thresholds });
  }
  const found = await findHistoryFiles(options.history, io.cwd, { duckdb: options.engine === 'duckdb' });
  if (!found.ok) usageError(`error: ${found.message}`);

  const budgets: Budgets = {
    maxEscapes: options.maxEscapes,
    maxReviewIncreasePct: options.maxReviewIncrease,
    minFidelityPct: options.minFidelity,
    allowInvalid: options.allowInvalid,
  };
  const simulation: Simulation = { baseline, candidates, budgets, examples: options.examples };
  // Where the changes fall over every input, with history's records in each region: the streaming engine sees each record.
  const regions = options.regions ? new RegionMoves(baseline, candidates) : undefined;
  const run = { engine: options.engine, examples: options.examples, candidateExamples: true, ...(regions === undefined ? {} : { onRouteChange: regions.observe, onRouteChanges: regions.observeMany }) };
  const replay = await runReplay(found.files, simulationVariants(simulation).variants, run, io);
  if (!replay.ok) {
    await writeText(io.stderr, `${replay.message}\n`);
    return EXIT.usage;
  }
  const simulated = simulationReport(replay.state, simulation);
  const report = regions === undefined ? simulated : regions.attach(simulated);
  const failed = await writeReport(formatReport[options.format](report), options.out, io);
  if (failed !== undefined) {
    await writeText(io.stderr, `error: ${failed}\n`);
    return EXIT.usage;
  }
  if (!report.verdict.pass) {
    await writeText(io.stderr, report.verdict.breaches.map((breach) => `oversight simulate: ${breach.budget} breached (${breach.candidate}): ${breach.message}\n`).join(''));
  }
  return report.verdict.pass ? EXIT.ok : EXIT.inputError;
}

const SIMULATE_HELP_AFTER = `
The history is JSON Lines, one decision record a line (schemas/history-record.schema.json):
facts, the route taken, and what a person did. Records of other policies are
counted, not replayed. A line that is not a valid record is reported with its
line number and the rest is replayed.

Each candidate's route changes are linked to the regions of inputs where it
routes otherwise than the baseline (oversight diff), with the records history
had in each and what people did with them: "this region moves; history had
120 such actions, 9 rejected".

--engine duckdb gives the same report, field for field, from DuckDB embedded:
the policy compiled to SQL (oversight compile --to sql), every core at work.
A policy whose SQL cannot reproduce the evaluator exactly is refused, named.
It also reads Parquet histories (*.parquet: a row a record, objects as
STRUCTs, a NULL field absent; row numbers stand for line numbers) and CSV
ones (*.csv: a header row, dotted names for fields of objects such as
facts.amount, an empty cell absent; lines as in the file).

Escapes are records a person rejected or edited, or that failed downstream,
that the candidate would run automatically where the baseline did not.

Examples:
  $ oversight simulate --baseline policies/support-refunds.yaml --threshold autoRefundMax=100 \\
      --history policies/history/support-refunds.history.jsonl
  $ oversight simulate --baseline main:policies/support-refunds.yaml --candidate policies/support-refunds.yaml \\
      --history 'history/*.jsonl' --max-escapes 0 --max-review-increase 10 --format markdown
  $ oversight simulate --baseline policies/support-refunds.yaml --candidate proposal.yaml \\
      --history history/ --format html --out report.html
  $ oversight simulate --engine duckdb --baseline policies/support-refunds.yaml --threshold autoRefundMax=100 \\
      --history 'history/*.parquet'

Exit codes:
  0  the candidates are within every budget
  1  a budget is breached, the history has lines that could not be read (more
     than --allow-invalid), or no record of the baseline's policy
  2  usage error, or a policy or history that cannot be read or loaded`;

/** Adds `oversight simulate` to the program. */
export function registerSimulateCommand(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  const command = program
    .command('simulate')
    .description('Replay a history of decisions against a baseline and candidate policies: what changes, reviewer load, escapes, budgets.')
    .requiredOption('--baseline <policy>', "the policy in force: a file, or revision:path from git (e.g. main:policies/refunds.yaml)")
    .option('--candidate <policy>', 'a proposed policy; repeat for more (default: the baseline with --threshold)', collect, [])
    .addOption(new Option('--threshold <name=value>', 'a threshold override applied to the candidates; repeat for more').argParser(parseThresholdOption).default([]))
    .option('--history <path>', 'history JSON Lines: a file, a directory, or a glob; repeat for more (required)', collect, [])
    .addOption(new Option('--format <format>', 'markdown for a PR, json for machines, html to open in a browser').choices(REPORT_FORMATS).default('markdown'))
    .option('--out <file>', 'write the report to a file instead of stdout')
    .addOption(new Option('--max-escapes <n|pct%>', 'fail when more records would escape review: a count, or a percentage of replayed records').argParser(parseMaxEscapes))
    .addOption(new Option('--max-review-increase <pct>', 'fail when human reviews rise by more than this percentage').argParser(parseReviewIncrease))
    .addOption(new Option('--min-fidelity <pct>', "fail when the baseline reproduces fewer of history's routes").argParser(parseFidelity))
    .addOption(new Option('--allow-invalid <n>', 'history lines that may be unreadable without failing').argParser(wholeNumber(0)).default(0))
    .addOption(new Option('--examples <n>', 'records listed per table (escapes, mismatches, invalid lines)').argParser(wholeNumber(0)).default(20))
    .addOption(engineOption())
    .option('--no-regions', 'leave out where the changes fall over every input (oversight diff regions, with the records history had in each)')
    .showHelpAfterError("Run 'oversight simulate --help' for usage.")
    .addHelpText('after', SIMULATE_HELP_AFTER);

  rejectRemovedJobs(command);
  command.action(async (options: SimulateOptions) => {
    const usageError = (message: string): never => command.error(message, { exitCode: EXIT.usage, code: 'oversight.usage' });
    setExitCode(await runSimulate(options, io, usageError));
  });
}

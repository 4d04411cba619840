import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { DEFAULT_MAX_ESCAPE_RATE, parsePercent, suggestThresholds, type Suggestion, type SuggestionReport } from '@oversight/simulator';
import { EXIT } from '../exit-codes.js';
import { openFileStream, readTextFile } from '../files/file-access.js';
import { formatSuggestionsMarkdown } from '../format/report/suggestions-markdown.js';
import { findHistoryFiles, type HistoryFile } from '../history/history-files.js';
import type { CliIo } from '../io.js';
import { collect, valueOrThrow, wholeNumber } from '../options/budget-options.js';
import { writeReport } from '../output/write-report.js';
import { writeText } from '../output/write-text.js';
import { ThresholdWriteError, writeThresholds } from '../policy/write-thresholds.js';
import { readPolicyText } from './simulate.js';

const FORMATS = ['markdown', 'json'] as const;
type SuggestFormat = (typeof FORMATS)[number];

interface SuggestOptions {
  policy: string;
  history: string[];
  maxEscapeRate: number;
  threshold: string[];
  steps?: number;
  format: SuggestFormat;
  out?: string;
  write?: boolean;
  pick?: string;
}

const SUGGEST_HELP_AFTER = `
For each threshold, replays the history at every point of a grid over the
threshold's declared range (one pass, the simulator's sweep) and suggests:
  - loosen: the largest move whose escapes (records a person rejected or
    edited, or that failed later, that would now run alone) stay under
    --max-escape-rate at 95% confidence (the Wilson upper bound);
  - tighten: the move whose added reviews catch the most errors per review.
It never suggests a move that lets an irreversible action run before a person
looks: such moves are listed as refused, with the records they would release.

--write applies one suggestion to the policy file (the loosening, else the
first suggestion; --pick names the threshold) and bumps metadata.version; only
those lines change, comments and formatting are kept.

Examples:
  $ oversight suggest --policy policies/support-refunds.yaml --history policies/history/
  $ oversight suggest --policy policies/sales-outreach.yaml --history history/ --max-escape-rate 1% --write

Exit codes:
  0  suggestions printed (or written); none found is not an error
  1  the history has no records of the policy, or --pick names no suggestion
  2  usage error, or a policy or history that cannot be read`;

export function registerSuggestCommand(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  const command = program
    .command('suggest')
    .description('Propose the threshold changes the history supports: more autonomy where reviews add nothing, more review where they catch errors.')
    .requiredOption('--policy <policy>', 'the policy in force: a file (or revision:path from git)')
    .option('--history <path>', 'history JSON Lines: a file, a directory, or a glob; repeat for more (required)', collect, [])
    .addOption(new Option('--max-escape-rate <pct>', 'escape budget, a percentage of replayed records, held at 95% confidence').argParser(parseRate).default(DEFAULT_MAX_ESCAPE_RATE, '0.5%'))
    .option('--threshold <name>', 'only this threshold; repeat for more (default: every declared one)', collect, [])
    .addOption(new Option('--steps <n>', 'grid points per threshold range').argParser(wholeNumber(1)))
    .addOption(new Option('--format <format>', 'markdown for a PR or a ticket, json for machines').choices(FORMATS).default('markdown'))
    .option('--out <file>', 'write the suggestions to a file instead of stdout')
    .option('--write', 'apply one suggestion to the policy file and bump its version')
    .option('--pick <threshold>', 'with --write: the threshold whose suggestion to apply')
    .showHelpAfterError("Run 'oversight suggest --help' for usage.")
    .addHelpText('after', SUGGEST_HELP_AFTER);
  command.action(async (options: SuggestOptions) => {
    const usageError = (message: string): never => command.error(message, { exitCode: EXIT.usage, code: 'oversight.usage' });
    setExitCode(await runSuggest(options, io, usageError));
  });
}

function parseRate(text: string): number {
  const percent = valueOrThrow(parsePercent(text, 100));
  if (percent <= 0 || percent >= 100) throw new Error(`expected a percentage above 0 and below 100, got '${text}'`);
  return percent / 100;
}

async function runSuggest(options: SuggestOptions, io: CliIo, usageError: (message: string) => never): Promise<number> {
  if (options.history.length === 0) usageError("error: required option '--history <path>' not specified");
  if (options.pick !== undefined && !options.write) usageError('error: --pick chooses what --write applies: give --write too');
  const policy = await readPolicyText(options.policy, options.policy, io);
  if (policy === undefined) return EXIT.usage;
  const found = await findHistoryFiles(options.history, io.cwd);
  if (!found.ok) usageError(`error: ${found.message}`);

  let report: SuggestionReport;
  try {
    report = await suggestThresholds(historySources(found.files, io), {
      policy: policy.plan,
      maxEscapeRate: options.maxEscapeRate,
      ...(options.threshold.length > 0 && { thresholds: options.threshold }),
      ...(options.steps !== undefined && { steps: options.steps }),
    });
  } catch (error) {
    if (error instanceof TypeError) usageError(`error: ${error.message}`);
    throw error;
  }
  const failed = await writeReport(options.format === 'json' ? JSON.stringify(report, null, 2) + '\n' : formatSuggestionsMarkdown(report), options.out, io);
  if (failed !== undefined) {
    await writeText(io.stderr, `error: ${failed}\n`);
    return EXIT.usage;
  }
  if (report.history.replayed === 0) {
    await writeText(io.stderr, `oversight suggest: the history has no records of policy '${report.policy.name}'\n`);
    return EXIT.inputError;
  }
  return options.write ? writeChosen(report, options, io) : EXIT.ok;
}

async function* historySources(files: readonly HistoryFile[], io: CliIo) {
  for (const file of files) yield { name: file.name, chunks: (await (io.openFile ?? openFileStream)(file.path)) as AsyncIterable<string> };
}

/** Applies the chosen suggestion to the policy file: its threshold value and the version, nothing else. */
async function writeChosen(report: SuggestionReport, options: SuggestOptions, io: CliIo): Promise<number> {
  const chosen = choose(report.suggestions, options.pick);
  if (chosen === undefined) {
    await writeText(io.stderr, options.pick === undefined ? 'oversight suggest: no suggestion to write; the policy is unchanged\n' : `oversight suggest: no suggestion for threshold '${options.pick}'; the policy is unchanged\n`);
    return options.pick === undefined ? EXIT.ok : EXIT.inputError;
  }
  if (options.policy.includes(':') && !/^[A-Za-z]:[\\/]/.test(options.policy)) {
    await writeText(io.stderr, `oversight suggest: --write needs a policy file, not a git revision (${options.policy})\n`);
    return EXIT.usage;
  }
  const path = resolve(io.cwd, options.policy);
  let text: string;
  try {
    text = writeThresholds(await (io.readFile ?? readTextFile)(path), { [chosen.threshold]: chosen.to }, options.policy);
  } catch (error) {
    if (!(error instanceof ThresholdWriteError)) throw error;
    await writeText(io.stderr, `oversight suggest: ${error.message}\n`);
    return EXIT.usage;
  }
  const failed = await writeReport(text, options.policy, io);
  if (failed !== undefined) {
    await writeText(io.stderr, `error: ${failed}\n`);
    return EXIT.usage;
  }
  await writeText(io.stderr, `oversight suggest: wrote ${options.policy}: ${chosen.threshold} ${chosen.from} → ${chosen.to} (${chosen.direction}), metadata.version ${report.policy.version} → ${report.policy.version + 1}\n`);
  return EXIT.ok;
}

function choose(suggestions: readonly Suggestion[], pick: string | undefined): Suggestion | undefined {
  if (pick !== undefined) return suggestions.find((suggestion) => suggestion.threshold === pick);
  return suggestions.find((suggestion) => suggestion.direction === 'loosen') ?? suggestions[0];
}

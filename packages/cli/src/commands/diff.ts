// `oversight diff`: what a policy change does to every input, not only to the
// ones history holds. The regions where the two policies route differently,
// in words, each with an example.
import { Option, type Command } from 'commander';
import { diffPolicies } from '@oversight/analysis';
import { EXIT } from '../exit-codes.js';
import { formatDiffJson } from '../format/diff/diff-json.js';
import { formatDiffMarkdown } from '../format/diff/diff-markdown.js';
import type { CliIo } from '../io.js';
import { writeReport } from '../output/write-report.js';
import { writeText } from '../output/write-text.js';
import { readPolicyText } from './simulate.js';

const FORMATS = ['markdown', 'json'] as const;

interface DiffOptions {
  format: (typeof FORMATS)[number];
  out?: string;
  exitCode?: boolean;
}

const DIFF_HELP_AFTER = `
Cuts the whole input space both policies admit (every declared fact: absent,
invalid, and each range of values their rules and schemas tell apart; an
undeclared fact) into regions, and lists those where the candidate routes
an input otherwise than the baseline, merged into as few as it can, each in
words with one facts object as an example. Reordering rules under
most-restrictive, renaming rule ids or reformatting the file changes nothing.
Schema keywords the analysis samples (pattern, format, multipleOf) are
decided wherever the samples reached every case; what it could not cut is
listed as not decided, never guessed.

Examples:
  $ oversight diff main:policies/support-refunds.yaml policies/support-refunds.yaml
  $ oversight diff policies/support-refunds.yaml proposal.yaml --format json --out diff.json
  $ oversight diff main:policies/refunds.yaml policies/refunds.yaml --exit-code

Exit codes:
  0  the diff was written (with --exit-code: and the policies are equivalent)
  1  with --exit-code: some input routes differently, or could not be decided
  2  usage error, or a policy that cannot be read or does not load`;

export function registerDiffCommand(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  program
    .command('diff')
    .description('Show where two policies route inputs differently, over every input their facts admit: regions in words, each with an example.')
    .argument('<baseline>', 'the policy in force: a file, or revision:path from git (e.g. main:policies/refunds.yaml)')
    .argument('<candidate>', 'the proposed policy: a file, or revision:path from git')
    .addOption(new Option('--format <format>', 'output format').choices(FORMATS).default('markdown'))
    .option('--out <file>', 'write the diff to a file instead of stdout')
    .option('--exit-code', 'exit 1 when some input routes differently (as git diff --exit-code)')
    .addHelpText('after', DIFF_HELP_AFTER)
    .action(async (baselineFile: string, candidateFile: string, options: DiffOptions) => {
      setExitCode(await runDiff(baselineFile, candidateFile, options, io));
    });
}

async function runDiff(baselineFile: string, candidateFile: string, options: DiffOptions, io: CliIo): Promise<number> {
  const baseline = await readPolicyText(baselineFile, baselineFile, io);
  if (baseline === undefined) return EXIT.usage;
  const candidate = await readPolicyText(candidateFile, candidateFile, io);
  if (candidate === undefined) return EXIT.usage;
  const diff = diffPolicies(baseline.plan, candidate.plan);
  const labels = { baseline: baselineFile, candidate: candidateFile };
  const text = options.format === 'json' ? formatDiffJson(diff, labels) : formatDiffMarkdown(diff, labels);
  const failed = await writeReport(text, options.out, io);
  if (failed !== undefined) {
    await writeText(io.stderr, `error: ${failed}\n`);
    return EXIT.usage;
  }
  return options.exitCode === true && !diff.equivalent ? EXIT.inputError : EXIT.ok;
}

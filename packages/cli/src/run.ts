import { createRequire } from 'node:module';
import type { Writable } from 'node:stream';
import { Command, CommanderError, Help, type Option } from 'commander';
import { registerCompileCommand } from './commands/compile.js';
import { registerDiffCommand } from './commands/diff.js';
import { registerProveCommand } from './commands/prove.js';
import { registerEvalCommand } from './commands/eval.js';
import { registerLintCommand } from './commands/lint.js';
import { registerLogCommand } from './commands/log.js';
import { registerReportCommand } from './commands/report.js';
import { registerServeCommand } from './commands/serve.js';
import { registerSimulateCommand } from './commands/simulate.js';
import { registerSuggestCommand } from './commands/suggest.js';
import { registerSweepCommand } from './commands/sweep.js';
import { registerTestCommand } from './commands/test.js';
import { EXIT } from './exit-codes.js';
import type { CliIo } from './io.js';

const { version } = createRequire(import.meta.url)('../package.json') as { version: string };

const PROGRAM_HELP_AFTER = `
Examples:
  $ oversight eval policies/support-refunds.yaml actions.jsonl
  $ oversight eval policies/support-refunds.yaml actions.jsonl --format pretty
  $ oversight simulate --baseline main:policies/refunds.yaml --candidate policies/refunds.yaml --history history/
  $ oversight sweep policies/refunds.yaml --history history/ --vary autoRefundMax=0:200:25
  $ oversight diff main:policies/refunds.yaml policies/refunds.yaml
  $ oversight prove policies/refunds.yaml
  $ oversight lint --format github
  $ oversight log verify support-desk.decisions.jsonl
  $ oversight report --history history/ --policy policies/refunds.yaml --since 2026-10-01
  $ oversight suggest --policy policies/refunds.yaml --history history/ --max-escape-rate 0.5%
  $ oversight serve --policies policies/ --insecure-no-auth
  $ oversight log export --store postgres://oversight@db/oversight > history.jsonl
  $ oversight compile --to sql --dialect duckdb policies/refunds.yaml
  $ oversight help eval

Exit codes:
  0  success
  1  the command ran, and found a problem in its input (see each command's help)
  2  usage error, a missing or invalid policy, or an input that cannot be read
  3  internal error: a bug in oversight (please report it)`;

/** A fixed help width, so help reads the same in a terminal, a pipe and a test. */
const HELP_WIDTH = 80;

function createProgram(io: CliIo, setExitCode: (code: number) => void): Command {
  // Help and errors are a few lines: no backpressure to respect.
  const write = (stream: Writable) => (text: string) => void stream.write(text);
  const program = new Command('oversight')
    .description(
      'Policy-as-code for human-in-the-loop AI: decide whether an agent\'s proposed action runs alone, is reviewed, needs approval, escalates or is denied.',
    )
    .version(version, '-V, --version', 'print the version and exit')
    .helpOption('-h, --help', 'show help')
    .helpCommand('help [command]', 'show help for a command')
    .exitOverride()
    .configureOutput({
      writeOut: write(io.stdout),
      writeErr: write(io.stderr),
      getOutHelpWidth: () => HELP_WIDTH,
      getErrHelpWidth: () => HELP_WIDTH,
      getOutHasColors: () => false,
      getErrHasColors: () => false,
    })
    .configureHelp({ optionDescription: describeOption })
    .showHelpAfterError("Run 'oversight --help' for usage.")
    .showSuggestionAfterError(true)
    .addHelpText('after', PROGRAM_HELP_AFTER);
  // Subcommands are added after the settings above, so they inherit output routing and exitOverride.
  registerEvalCommand(program, io, setExitCode);
  registerSimulateCommand(program, io, setExitCode);
  registerDiffCommand(program, io, setExitCode);
  registerProveCommand(program, io, setExitCode);
  registerSweepCommand(program, io, setExitCode);
  registerLintCommand(program, io, setExitCode);
  registerTestCommand(program, io, setExitCode);
  registerLogCommand(program, io, setExitCode);
  registerSuggestCommand(program, io, setExitCode);
  registerReportCommand(program, io, setExitCode);
  registerServeCommand(program, io, setExitCode);
  registerCompileCommand(program, io, setExitCode);
  return program;
}

// A repeatable option starts as an empty list: "(default: [])" would say nothing, unless its default is described.
function describeOption(this: Help, option: Option): string {
  const startsEmpty = Array.isArray(option.defaultValue) && option.defaultValue.length === 0 && option.defaultValueDescription === undefined;
  const shown = startsEmpty ? Object.assign(Object.create(Object.getPrototypeOf(option) as object) as Option, option, { defaultValue: undefined }) : option;
  return Help.prototype.optionDescription.call(this, shown);
}

/** Help and --version end with exit 0; every other way commander stops is a usage error. */
function exitCodeFor(error: CommanderError): number {
  if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return EXIT.ok;
  if (error.code === 'commander.help' && error.exitCode === 0) return EXIT.ok;
  return EXIT.usage;
}

/**
 * Runs the `oversight` command with `argv` (the user's arguments, without
 * `node` and the script) against `io`, and resolves to the exit code. It
 * never exits the process, so tests drive it in-process; unexpected errors
 * (bugs) reject.
 */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode: number = EXIT.ok;
  const program = createProgram(io, (code) => {
    exitCode = code;
  });
  // `help nosuch` is read as `nosuch`, so commander says the command is unknown and suggests one.
  const commands = new Set(program.commands.flatMap((command) => [command.name(), ...command.aliases()]));
  const args = argv[0] === 'help' && argv.length === 2 && !argv[1]!.startsWith('-') && !commands.has(argv[1]!) && argv[1] !== 'help' ? [argv[1]!] : [...argv];
  try {
    await program.parseAsync(args, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return exitCodeFor(error);
    throw error;
  }
  return exitCode;
}

import { resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { Option, type Command } from 'commander';
import { errorDecision, evaluate, type Decision, type ErrorCode } from '@oversight/core';
import { readFactsLines, type FactsLine } from '../facts/json-lines.js';
import { describeFileError, openFileStream, readTextFile } from '../files/file-access.js';
import { countDecision, createTally, formatDiagnostics, formatters, FORMATS, type Format } from '../format/index.js';
import { EXIT } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { parseInstantOption } from '../options/instant.js';
import { parseThresholdOption, resolveThresholds, type ThresholdOverride } from '../options/threshold.js';
import { writeText } from '../output/write-text.js';
import { readPolicy } from '../policy/read-policy.js';

/** Error codes that mean the input itself was wrong: they make `eval` exit 1. */
const INPUT_ERROR_CODES: ReadonlySet<ErrorCode> = new Set(['invalid-json', 'invalid-fact', 'undeclared-fact']);

interface EvalOptions {
  format: Format;
  threshold: ThresholdOverride[];
  now?: Date;
}

export interface EvalRequest extends EvalOptions {
  policyFile: string;
  /** A path, `-` or undefined for stdin. */
  factsFile: string | undefined;
}

function isInputError(decision: Decision): boolean {
  return decision.error !== undefined && INPUT_ERROR_CODES.has(decision.error.code);
}

async function openFacts(factsFile: string | undefined, io: CliIo): Promise<Readable> {
  if (factsFile === undefined || factsFile === '-') return io.stdin;
  return (io.openFile ?? openFileStream)(resolve(io.cwd, factsFile));
}

/**
 * Evaluates every line of facts against the policy and writes one decision a
 * line, in input order. A line that is not a JSON object still gets a
 * decision (the policy's onError route, code invalid-json) in its place, so
 * output lines pair with input lines. Returns the exit code; `usageError`
 * reports a bad argument found only once the policy is known, and does not return.
 */
export async function runEval(request: EvalRequest, io: CliIo, usageError: (message: string) => never): Promise<number> {
  const read = await readPolicy(request.policyFile, io.cwd, io.readFile ?? readTextFile);
  if (!read.ok) {
    await writeText(io.stderr, read.report);
    return EXIT.usage;
  }
  const { plan } = read;
  await writeText(io.stderr, formatDiagnostics(read.warnings));

  const resolved = resolveThresholds(request.threshold, plan.policy);
  if (!resolved.ok) usageError(`error: ${resolved.message}`);
  const { thresholds } = resolved;

  let input: Readable;
  try {
    input = await openFacts(request.factsFile, io);
  } catch (error) {
    await writeText(io.stderr, `error: cannot read facts file '${request.factsFile}': ${describeFileError(error)}\n`);
    return EXIT.usage;
  }

  if (input === io.stdin && (io.stdin as { isTTY?: boolean }).isTTY === true) {
    // Without this, a forgotten facts argument looks like a hang.
    await writeText(io.stderr, 'Reading facts from the terminal, one JSON object a line; end with Ctrl-D.\n');
  }

  const now = request.now ?? io.now?.() ?? new Date();
  // Without overrides, pass none: core then uses the policy's values as they are, with no copy per line.
  const options = Object.keys(thresholds).length > 0 ? { thresholds, now } : { now };
  const formatter = formatters[request.format]({ color: io.isTTY === true });
  const tally = createTally();
  let inputErrors = 0;
  const lines = readFactsLines(input);
  try {
    while (true) {
      let next: IteratorResult<FactsLine>;
      try {
        next = await lines.next();
      } catch (error) {
        // A read error mid-stream (a directory, a broken pipe): say so rather than end as if the input were complete.
        const source = input === io.stdin ? 'stdin' : `facts file '${request.factsFile}'`;
        await writeText(io.stderr, `error: cannot read ${source}: ${describeFileError(error)}\n`);
        return EXIT.usage;
      }
      if (next.done === true) break;
      const entry = next.value;
      const decision = entry.ok
        ? evaluate(plan, entry.facts, options)
        : errorDecision(plan, { code: 'invalid-json', message: `line ${entry.line}: ${entry.reason}` }, options);
      countDecision(tally, decision);
      if (isInputError(decision)) inputErrors += 1;
      await writeText(io.stdout, formatter.decision({ line: entry.line, decision }));
    }
  } finally {
    // On an early return or a failed write, release the reader and any file we opened (stdin is the caller's).
    await lines.return(undefined);
    if (input !== io.stdin) input.destroy();
  }
  await writeText(io.stdout, formatter.end(tally));
  return inputErrors > 0 ? EXIT.inputError : EXIT.ok;
}

const EVAL_HELP_AFTER = `
Each input line is a JSON object of facts for one proposed action. Each output
line is its decision: route, matched rules with reasons, reviewer and SLA, and
the review packet. Blank lines are skipped; a line that is not a JSON object,
repeats a key in any object, nests deeper than 64 levels or is longer than
1 MiB gets the policy's onError decision (error code invalid-json) in its place.

Examples:
  $ oversight eval policies/support-refunds.yaml actions.jsonl
  $ cat actions.jsonl | oversight eval policies/support-refunds.yaml --format pretty
  $ oversight eval policies/support-refunds.yaml actions.jsonl --threshold autoRefundMax=100
  $ oversight eval policies/support-refunds.yaml - --now 2026-10-03T12:00:00Z < actions.jsonl

Exit codes:
  0  every line was evaluated
  1  some line was bad input (not a JSON object, an invalid or undeclared
     fact); its decision is still written, and so are the lines after it
  2  usage error, a missing or invalid policy, or facts that cannot be read`;

/** Adds `oversight eval` to the program; `setExitCode` receives the outcome of a run. */
export function registerEvalCommand(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  const command = program
    .command('eval')
    .description('Decide the route for each proposed action (JSON Lines of facts) under a policy.')
    .argument('<policy>', 'the policy file (YAML)')
    .argument('[facts]', "JSON Lines of facts, one action a line; '-' reads stdin", '-')
    .addOption(new Option('--format <format>', 'jsonl for machines, pretty for people').choices(FORMATS).default('jsonl'))
    .addOption(
      new Option('--threshold <name=value>', 'override a threshold the policy declares; repeat for more')
        .argParser(parseThresholdOption)
        .default([], "the policy's values"),
    )
    .addOption(
      new Option('--now <iso>', 'the time review deadlines count from (default: the current time)').argParser(parseInstantOption),
    )
    .showHelpAfterError("Run 'oversight eval --help' for usage.")
    .addHelpText('after', EVAL_HELP_AFTER);

  command.action(async (policyFile: string, factsFile: string, options: EvalOptions) => {
    const usageError = (message: string): never => command.error(message, { exitCode: EXIT.usage, code: 'oversight.usage' });
    setExitCode(await runEval({ ...options, policyFile, factsFile }, io, usageError));
  });
}

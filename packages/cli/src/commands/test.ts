import { dirname, join, relative, resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { compilePolicy, loadPolicy, type CompiledPolicy, type Diagnostic } from '@oversight/core';
import { checkCase } from '../cases/check-case.js';
import { findCasesFiles } from '../cases/find-cases-files.js';
import { parseCases, type CasesSuite } from '../cases/parse-cases.js';
import { EXIT } from '../exit-codes.js';
import { describeFileError, readTextFile, type ReadTextFile } from '../files/file-access.js';
import { START } from '../files/yaml-document.js';
import { formatDiagnostics } from '../format/diagnostics.js';
import { countCases, testFormatters, TEST_FORMATS, type CasesFileReport, type TestFormat } from '../format/test/index.js';
import type { CliIo } from '../io.js';
import { parseThresholdOption, resolveThresholds, type ThresholdOverride } from '../options/threshold.js';
import { writeText } from '../output/write-text.js';

const DEFAULT_PATHS = ['policies'];

interface TestOptions {
  format: TestFormat;
  threshold: ThresholdOverride[];
}

export interface TestRequest extends TestOptions {
  paths: string[];
}

/** A policy read for its cases: compiled, or why it cannot run them (said once, with the first cases file that names it). */
type PolicyLoad = { ok: true; plan: CompiledPolicy; warnings: Diagnostic[] } | { ok: false; reason: string; diagnostics: Diagnostic[] };

/** A cases file ready to run against its policy, or the report that says why it cannot. */
type Prepared = { report: CasesFileReport } | { report: CasesFileReport; suite: CasesSuite; plan: CompiledPolicy };

async function loadPolicyFile(file: string, cwd: string, readFile: ReadTextFile): Promise<PolicyLoad> {
  let text: string;
  try {
    text = await readFile(resolve(cwd, file));
  } catch (error) {
    return { ok: false, reason: `cannot read policy file '${file}': ${describeFileError(error)}`, diagnostics: [] };
  }
  const loaded = loadPolicy(text, file);
  if (!loaded.ok) return { ok: false, reason: `policy '${file}' does not load (${loaded.diagnostics.length} problem${loaded.diagnostics.length === 1 ? '' : 's'}): no case ran`, diagnostics: loaded.diagnostics };
  return { ok: true, plan: compilePolicy(loaded.policy), warnings: loaded.warnings };
}

/** Reads a cases file and its policy; a policy several files name is loaded once and its diagnostics reported once. */
async function prepare(file: string, io: CliIo, policies: Map<string, PolicyLoad>): Promise<Prepared> {
  const readFile = io.readFile ?? readTextFile;
  const problem = (message: string, range = START): Diagnostic => ({ ruleId: 'cases-file', severity: 'error', message, file, range });
  let text: string;
  try {
    text = await readFile(resolve(io.cwd, file));
  } catch (error) {
    return { report: { file, results: [], problems: [problem(`cannot read the file: ${describeFileError(error)}`)] } };
  }
  const parsed = parseCases(text, file);
  if (!parsed.ok) return { report: { file, results: [], problems: parsed.diagnostics } };
  const { suite } = parsed;
  // The cases file names its policy relative to itself; reports name it from where the command ran.
  const policy = relative(io.cwd, resolve(io.cwd, join(dirname(file), suite.policy)));
  let load = policies.get(policy);
  const firstMention = load === undefined;
  load ??= await loadPolicyFile(policy, io.cwd, readFile);
  policies.set(policy, load);
  if (!load.ok) {
    return { report: { file, policy, results: [], problems: [problem(load.reason, suite.policyRange), ...(firstMention ? load.diagnostics : [])] } };
  }
  if (firstMention) await writeText(io.stderr, formatDiagnostics(load.warnings));
  return { report: { file, policy, results: [], problems: [] }, suite, plan: load.plan };
}

type ThresholdsByPolicy = { ok: true; thresholds: Map<CompiledPolicy, Record<string, number>> } | { ok: false; message: string };

/**
 * Applies each --threshold to every policy under test that declares it; a
 * name no policy declares, or a value outside a policy's declared range, is a
 * usage error (never a silent no-op).
 */
function thresholdsByPolicy(overrides: readonly ThresholdOverride[], plans: readonly CompiledPolicy[]): ThresholdsByPolicy {
  const declares = (plan: CompiledPolicy, name: string) => Object.hasOwn(plan.policy.spec.thresholds ?? {}, name);
  // With no policy loaded there is nothing to check a name against: the report says why.
  const unknown = plans.length === 0 ? undefined : overrides.find(({ name }) => !plans.some((plan) => declares(plan, name)));
  if (unknown !== undefined) return { ok: false, message: `unknown threshold '${unknown.name}': no policy under test declares it` };
  const thresholds = new Map<CompiledPolicy, Record<string, number>>();
  for (const plan of new Set(plans)) {
    const resolved = resolveThresholds(overrides.filter(({ name }) => declares(plan, name)), plan.policy);
    if (!resolved.ok) return resolved;
    thresholds.set(plan, resolved.thresholds);
  }
  return { ok: true, thresholds };
}

/**
 * Runs every case of the cases files the paths name against its policy and
 * writes the report. A cases file or policy that cannot be read or loaded is
 * reported in the output and the other files still run; the exit code is 2
 * then, else 1 when a case failed. `usageError` does not return.
 */
export async function runTest(request: TestRequest, io: CliIo, usageError: (message: string) => never): Promise<number> {
  const found = await findCasesFiles(request.paths.length > 0 ? request.paths : DEFAULT_PATHS, io.cwd);
  if (!found.ok) usageError(`error: ${found.message}`);
  const policies = new Map<string, PolicyLoad>();
  const prepared: Prepared[] = [];
  for (const file of found.files) prepared.push(await prepare(file, io, policies));

  const runnable = prepared.filter((item): item is Extract<Prepared, { plan: CompiledPolicy }> => 'plan' in item);
  const resolved = thresholdsByPolicy(request.threshold, runnable.map((item) => item.plan));
  if (!resolved.ok) usageError(`error: ${resolved.message}`);
  const files = prepared.map((item) => {
    if (!('plan' in item)) return item.report;
    const thresholds = resolved.thresholds.get(item.plan) ?? {};
    const options = Object.keys(thresholds).length > 0 ? { thresholds } : {};
    return { ...item.report, results: item.suite.cases.map((testCase) => checkCase(item.plan, testCase, options)) };
  });

  await writeText(io.stdout, testFormatters[request.format]({ files }));
  const { failed, problems } = countCases(files);
  if (problems > 0) return EXIT.usage;
  return failed > 0 ? EXIT.inputError : EXIT.ok;
}

const TEST_HELP_AFTER = `
A cases file, <name>.cases.yaml beside the policy <name>.yaml, names its policy
(policy: <name>.yaml, relative to the cases file) and lists cases: the facts of
a proposed action and the decision the policy promises for it (route, matched
rules and error code always; undecided rules and reviewer when stated). Its
format is schemas/cases.schema.json, described in docs/testing-policies.md.
A failed case is reported on its name, with the decision it got.

Examples:
  $ oversight test
  $ oversight test policies/support-refunds.yaml
  $ oversight test policies/ --format junit > oversight-cases.xml
  $ oversight test --format github --threshold autoRefundMax=100

Exit codes:
  0  every case passed
  1  a case failed
  2  usage error, or a cases file or policy that cannot be read or loaded
     (reported with the results; the other files still run)`;

/** Adds `oversight test` to the program; `setExitCode` receives the outcome of a run. */
export function registerTestCommand(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  const command = program
    .command('test')
    .description('Run the cases beside each policy: does it decide what its cases promise?')
    .argument('[paths...]', 'cases files, policies (their cases file), directories or globs (default: policies/)')
    .addOption(new Option('--format <format>', 'stylish for people; json, junit or github for tools').choices(TEST_FORMATS).default('stylish'))
    .addOption(
      new Option('--threshold <name=value>', 'override a threshold in every policy that declares it; repeat for more')
        .argParser(parseThresholdOption)
        .default([], "the policies' values"),
    )
    .showHelpAfterError("Run 'oversight test --help' for usage.")
    .addHelpText('after', TEST_HELP_AFTER);

  command.action(async (paths: string[], options: TestOptions) => {
    const usageError = (message: string): never => command.error(message, { exitCode: EXIT.usage, code: 'oversight.usage' });
    setExitCode(await runTest({ ...options, paths }, io, usageError));
  });
}

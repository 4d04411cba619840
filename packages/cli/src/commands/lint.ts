import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { open, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import fg from 'fast-glob';
import { MAX_POLICY_BYTES } from '@oversight/core';
import { applyFixes, CONFIG_FILE_NAMES, lintPolicy, parseLintConfig, RULES, ruleDocsUrl, type LintConfig, type LintDiagnostic, type LintOptions as PolicyLintOptions, type LintResult } from '@oversight/lint';
import { EXIT } from '../exit-codes.js';
import { describeFileError } from '../files/file-access.js';
import { formatDiagnostics } from '../format/diagnostics.js';
import { countSeverities, lintFormatters, LINT_FORMATS, type LintFormat } from '../format/lint/index.js';
import type { CliIo } from '../io.js';
import { parseInstantOption } from '../options/instant.js';
import { gitShow } from '../policy/git-show.js';
import { writeText } from '../output/write-text.js';

const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };

const DEFAULT_FILES = ['policies/**/*.{yaml,yml}'];
const DEFAULT_IGNORES = ['**/*.cases.yaml', '**/*.cases.yml', '**/*.claims.yaml', '**/*.claims.yml'];
/** Files read at once: enough to keep the disk busy, few enough to bound open handles. */
const READ_CONCURRENCY = 16;

interface LintOptions {
  format: LintFormat;
  maxWarnings?: number;
  fix: boolean;
  base?: string;
  now?: Date;
  config?: string;
}

export interface LintRequest extends LintOptions {
  patterns: string[];
}

type ConfigLookup = { ok: true; config: LintConfig } | { ok: false; report: string };

/** The config named by --config, else the nearest oversight.config.* from cwd upward, else none. */
async function loadConfig(explicit: string | undefined, cwd: string): Promise<ConfigLookup> {
  let path: string | undefined = explicit === undefined ? undefined : resolve(cwd, explicit);
  for (let dir = cwd; path === undefined; dir = dirname(dir)) {
    for (const name of CONFIG_FILE_NAMES) {
      if ((await stat(join(dir, name)).catch(() => undefined))?.isFile()) {
        path = join(dir, name);
        break;
      }
    }
    if (path === undefined && dirname(dir) === dir) return { ok: true, config: {} };
  }
  const shown = relative(cwd, path) || path;
  let text: string;
  try {
    text = await readLimited(path);
  } catch (error) {
    return { ok: false, report: `error: cannot read config file '${shown}': ${describeFileError(error)}\n` };
  }
  const read = parseLintConfig(text, shown);
  return read.ok ? read : { ok: false, report: formatDiagnostics(read.diagnostics) };
}

/** Expands the paths and globs on the command line (or the config's files), sorted and without duplicates. */
async function discoverFiles(patterns: readonly string[], cwd: string, ignores: readonly string[]): Promise<{ ok: true; files: string[] } | { ok: false; message: string }> {
  const found = new Set<string>();
  for (const pattern of patterns) {
    const info = await stat(resolve(cwd, pattern)).catch(() => undefined);
    let matches: string[];
    // A file named outright is linted even when an ignore glob matches it.
    if (info?.isFile()) matches = [pattern];
    else if (info?.isDirectory()) matches = await fg('**/*.{yaml,yml}', { cwd: resolve(cwd, pattern), ignore: [...ignores], onlyFiles: true }).then((m) => m.map((file) => join(pattern, file)));
    else matches = fg.isDynamicPattern(pattern) ? await fg(pattern, { cwd, ignore: [...ignores, '**/node_modules/**'], onlyFiles: true }) : [];
    if (matches.length === 0) return { ok: false, message: `'${pattern}' ${info === undefined && !fg.isDynamicPattern(pattern) ? 'does not exist' : 'matches no policy file'}` };
    for (const match of matches) found.add(relative(cwd, resolve(cwd, match)) || match);
  }
  return { ok: true, files: [...found].sort() };
}

/** Reads a text file, refusing one larger than a policy may be before reading it whole (a 50 MB file costs one stat). */
async function readLimited(path: string): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    if (size > MAX_POLICY_BYTES) throw new TooLargeError(size);
    return await handle.readFile({ encoding: 'utf8' });
  } finally {
    await handle.close();
  }
}

class TooLargeError extends Error {
  constructor(readonly bytes: number) {
    super(`${bytes} bytes`);
  }
}

/** A file that cannot be linted at all still gets a diagnostic in the report, so every format shows it. */
function unreadable(file: string, message: string): LintResult {
  const range = { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };
  const diagnostic: LintDiagnostic = { ruleId: 'valid-policy', severity: 'error', message, file, range, docsUrl: ruleDocsUrl('valid-policy') };
  return { file, diagnostics: [diagnostic] };
}

/** The base revision's text of a file, or undefined when the file is new there. */
function baseTextOf(base: string, file: string, cwd: string): Promise<string | undefined> {
  return gitShow(base, `./${file.replace(/\\/g, '/')}`, cwd).then((shown) => (shown.ok ? shown.text : undefined));
}

function verifyRevision(revision: string, cwd: string): Promise<string | undefined> {
  return new Promise((done) => {
    execFile('git', ['rev-parse', '--verify', '--quiet', `${revision}^{commit}`], { cwd }, (error) => {
      done(error === null ? undefined : `'${revision}' is not a git revision here`);
    });
  });
}

/** A file to lint, with the options it is linted with. */
interface LintTask {
  text: string;
  file: string;
  options: PolicyLintOptions;
}

/** A file read and ready to lint, or the result that says why it cannot be. */
type Prepared = { task: LintTask } | { result: LintResult };

async function prepareFile(file: string, request: LintRequest, config: LintConfig, cwd: string, now: Date): Promise<Prepared> {
  let text: string;
  try {
    text = await readLimited(resolve(cwd, file));
  } catch (error) {
    if (error instanceof TooLargeError) {
      return { result: unreadable(file, `the file is ${(error.bytes / 1024 / 1024).toFixed(1)} MB; a policy may be at most 5 MB. Is this the right file?`) };
    }
    return { result: unreadable(file, `cannot read the file: ${describeFileError(error)}`) };
  }
  const baseText = request.base === undefined ? undefined : await baseTextOf(request.base, file, cwd);
  return { task: { text, file, options: { now, baseText, severities: config.rules } } };
}

// --fix: applies the safe fixes, writes the file, and lints the fixed text again.
async function fixFile(task: LintTask, result: LintResult, cwd: string): Promise<LintResult> {
  if (!result.diagnostics.some((d) => d.fix !== undefined)) return result;
  const fixed = applyFixes(task.text, result.diagnostics);
  await writeFile(resolve(cwd, task.file), fixed.text, 'utf8');
  return lintPolicy(fixed.text, task.file, task.options);
}

async function mapLimited<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/**
 * Lints the policy files the patterns name and writes the report. Files are
 * read concurrently and linted on this thread: measured on 200 files and 2
 * cores, a worker thread's cold start (module loading, JIT) costs more than
 * the files it would take.
 */
export async function runLint(request: LintRequest, io: CliIo, usageError: (message: string) => never): Promise<number> {
  const cwd = io.cwd;
  const configured = await loadConfig(request.config, cwd);
  if (!configured.ok) {
    await writeText(io.stderr, configured.report);
    return EXIT.usage;
  }
  const { config } = configured;
  const patterns = request.patterns.length > 0 ? request.patterns : (config.files ?? DEFAULT_FILES);
  const discovered = await discoverFiles(patterns, cwd, config.ignores ?? DEFAULT_IGNORES);
  if (!discovered.ok) usageError(`error: ${discovered.message}`);
  if (request.base !== undefined) {
    const problem = await verifyRevision(request.base, cwd);
    if (problem !== undefined) usageError(`error: --base ${problem}`);
  }
  const now = request.now ?? io.now?.() ?? new Date();
  const prepared = await mapLimited(discovered.files, READ_CONCURRENCY, (file) => prepareFile(file, request, config, cwd, now));
  const results: LintResult[] = [];
  for (const item of prepared) {
    if ('result' in item) {
      results.push(item.result);
      continue;
    }
    const result = lintPolicy(item.task.text, item.task.file, item.task.options);
    results.push(request.fix ? await fixFile(item.task, result, cwd) : result);
  }

  await writeText(io.stdout, lintFormatters[request.format]({ results, rules: RULES, version }));
  const { errors, warnings } = countSeverities(results);
  if (errors > 0) return EXIT.inputError;
  if (request.maxWarnings !== undefined && warnings > request.maxWarnings) {
    await writeText(io.stderr, `error: ${warnings} warning${warnings === 1 ? '' : 's'}, more than --max-warnings ${request.maxWarnings}\n`);
    return EXIT.inputError;
  }
  return EXIT.ok;
}

function parseWarningLimit(text: string): number {
  if (!/^(0|[1-9][0-9]*)$/.test(text)) throw new InvalidArgumentError('Expected a whole number, e.g. 0.');
  return Number(text);
}

const LINT_HELP_AFTER = `
Checks policy files for unsafe automation, rules that can never decide or never
match, unaccountable reviews, stale thresholds and more: one rule a finding,
each documented in docs/rules/<rule-id>.md. Settings come from
oversight.config.yaml (or .json), found from the current directory upward.
Silence one finding with a comment on the line above it:
  # oversight-lint-disable-next-line <rule-id> -- why this is safe

Examples:
  $ oversight lint
  $ oversight lint policies/support-refunds.yaml --format github
  $ oversight lint --base origin/main --fix
  $ oversight lint --format sarif > lint.sarif

Exit codes:
  0  no errors (and no more warnings than --max-warnings)
  1  errors, or more warnings than --max-warnings
  2  usage error, a bad config file, or no policy file matched`;

/** Adds `oversight lint` to the program; `setExitCode` receives the outcome of a run. */
export function registerLintCommand(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  const command = program
    .command('lint')
    .description('Check policy files: unsafe automation, dead rules, unaccountable reviews.')
    .argument('[paths...]', "policy files, directories or globs (default: the config's files, or policies/**/*.{yaml,yml})")
    .addOption(new Option('--format <format>', 'stylish for people; json, sarif, github or junit for tools').choices(LINT_FORMATS).default('stylish'))
    .addOption(new Option('--max-warnings <n>', 'exit 1 when there are more warnings than this').argParser(parseWarningLimit))
    .option('--fix', 'apply safe fixes (e.g. bump metadata.version) to the files', false)
    .option('--base <gitref>', 'compare each file with this git revision (version-not-bumped)')
    .addOption(new Option('--now <iso>', 'the date review-date-passed compares with (default: today)').argParser(parseInstantOption))
    .option('--config <file>', 'the config file (default: the nearest oversight.config.yaml or .json)')
    .showHelpAfterError("Run 'oversight lint --help' for usage.")
    .addHelpText('after', LINT_HELP_AFTER);

  command.action(async (patterns: string[], options: LintOptions) => {
    const usageError = (message: string): never => command.error(message, { exitCode: EXIT.usage, code: 'oversight.usage' });
    setExitCode(await runLint({ ...options, patterns }, io, usageError));
  });
}

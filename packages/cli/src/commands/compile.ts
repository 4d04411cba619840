// `oversight compile --to sql`: a policy as one SQL query over decision
// records, for teams to run where their history lives (DuckDB, Spark, Trino);
// the query reproduces the evaluator exactly or is not written at all.
import { Option, type Command } from 'commander';
import { compilePolicyToSql } from '@oversight/sql';
import { EXIT } from '../exit-codes.js';
import { readTextFile } from '../files/file-access.js';
import { formatDiagnostics } from '../format/index.js';
import { escapeControls } from '../format/escape-controls.js';
import type { CliIo } from '../io.js';
import { parseThresholdOption, resolveThresholds, type ThresholdOverride } from '../options/threshold.js';
import { writeText } from '../output/write-text.js';
import { gitShow } from '../policy/git-show.js';
import { readPolicy } from '../policy/read-policy.js';

const TARGETS = ['sql'] as const;
const DIALECTS = ['duckdb', 'spark', 'trino'] as const;

interface CompileOptions {
  to: (typeof TARGETS)[number];
  dialect: (typeof DIALECTS)[number];
  threshold: ThresholdOverride[];
}

const COMPILE_HELP_AFTER = `
Prints one query over a relation named oversight_input with a column facts
(a history record's facts, one record a row):
  duckdb  facts is JSON
  spark   facts is STRING holding JSON text (Spark SQL 3.4+, Databricks)
  trino   facts is VARCHAR holding JSON text (not the JSON type)
It yields every input column plus route, error, matched and undecided: what
oversight eval decides for those facts, computed by the database. The spark
and trino queries are checked against a SQL grammar, not run. Bind
oversight_input with a CTE, in DuckDB:

  WITH oversight_input AS (
    SELECT decisionId, route AS recorded, facts
    FROM read_json('history.jsonl', columns = {decisionId: 'VARCHAR', route: 'VARCHAR', facts: 'JSON'})
  )
  <the printed query>

A policy whose fact schemas or conditions the compiler cannot reproduce
exactly in the dialect (multipleOf, format, a pattern the engine's regex may
read differently, in spark a list index path, ...) is refused with each
construct named; no query is printed.

Examples:
  $ oversight compile --to sql --dialect duckdb policies/support-refunds.yaml > support-refunds.sql
  $ oversight compile --to sql --dialect duckdb policies/support-refunds.yaml --threshold autoRefundMax=100
  $ oversight compile --to sql --dialect spark policies/support-refunds.yaml > support-refunds.spark.sql

Exit codes:
  0  the query was printed
  1  the policy uses something the dialect cannot reproduce exactly (each named)
  2  usage error, or a policy that cannot be read or does not load`;

export function registerCompileCommand(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  const command = program
    .command('compile')
    .description('Compile a policy to a SQL query that decides every record of a history where it lives (DuckDB, Spark, Trino).')
    .argument('<policy>', 'the policy file (YAML), or revision:path from git')
    .addOption(new Option('--to <target>', 'what to compile to').choices(TARGETS).makeOptionMandatory())
    .addOption(new Option('--dialect <dialect>', 'the SQL dialect: duckdb (facts JSON), spark (facts STRING), trino (facts VARCHAR)').choices(DIALECTS).default('duckdb'))
    .addOption(new Option('--threshold <name=value>', 'override a threshold the policy declares; repeat for more').argParser(parseThresholdOption).default([], "the policy's values"))
    .addHelpText('after', COMPILE_HELP_AFTER);
  command.action(async (policyFile: string, options: CompileOptions) => {
    const usageError = (message: string): never => command.error(message, { exitCode: EXIT.usage, code: 'oversight.usage' });
    setExitCode(await compileToSql(policyFile, options, io, usageError));
  });
}

async function compileToSql(policyFile: string, options: CompileOptions, io: CliIo, usageError: (message: string) => never): Promise<number> {
  const read = await readPolicy(policyFile, io.cwd, io.readFile ?? readTextFile, gitShow);
  if (!read.ok) {
    await writeText(io.stderr, read.report);
    return EXIT.usage;
  }
  await writeText(io.stderr, formatDiagnostics(read.warnings));
  const resolved = resolveThresholds(options.threshold, read.plan.policy);
  if (!resolved.ok) usageError(`error: ${resolved.message}`);
  const compiled = compilePolicyToSql(read.plan.policy, { dialect: options.dialect, thresholds: resolved.ok ? resolved.thresholds : {} });
  if (!compiled.ok) {
    const lines = compiled.diagnostics.map((diagnostic) => `${escapeControls(policyFile)}: ${escapeControls(diagnostic.path)}: ${escapeControls(diagnostic.message)}`);
    await writeText(io.stderr, `${lines.join('\n')}\noversight compile: ${compiled.diagnostics.length} construct${compiled.diagnostics.length === 1 ? '' : 's'} the ${options.dialect} query cannot reproduce exactly; no query written\n`);
    return EXIT.inputError;
  }
  await writeText(io.stdout, `${compiled.sql}\n`);
  return EXIT.ok;
}

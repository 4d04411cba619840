// `oversight prove`: claims about a policy checked over every input, not only
// the ones history holds, each answered holds or fails with an example. The
// claims come from <name>.claims.yaml beside the policy, or are the built-in ones.
import { basename, dirname, join, resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { BUILT_IN_CLAIMS, provePolicy } from '@oversight/analysis';
import { loadPolicy, type CompiledPolicy, type Diagnostic } from '@oversight/core';
import { parseClaims, type FileClaim } from '../claims/parse-claims.js';
import { EXIT } from '../exit-codes.js';
import { describeFileError, readTextFile } from '../files/file-access.js';
import { START } from '../files/yaml-document.js';
import { formatDiagnostics } from '../format/index.js';
import { formatProveJson } from '../format/prove/prove-json.js';
import { formatProveMarkdown } from '../format/prove/prove-markdown.js';
import type { CliIo } from '../io.js';
import { writeReport } from '../output/write-report.js';
import { writeText } from '../output/write-text.js';
import { readPolicyText } from './simulate.js';

const FORMATS = ['markdown', 'json'] as const;

interface ProveOptions {
  claim: string[];
  claims?: string;
  format: (typeof FORMATS)[number];
  out?: string;
}

const PROVE_HELP_AFTER = `
Claims (in <name>.claims.yaml beside the policy, schemas/claims.schema.json;
without one, the built-in claims irreversible-waits, no-default and
rules-effective):
  irreversible-waits  no action whose irreversible fact is true or absent runs
                      before a person looks (auto, review_after), but through
                      the exemptions listed (exempt: [rule ids]; default: the
                      policy's own); every exemption's region is stated
  no-default          no valid input falls through to the default
  rules-effective     every rule decides some input; one that never does is
                      named with the rules that win where it matches
  route               every valid input where \`when\` holds is routed to one
                      of \`is\` (when: a condition; is: [routes])

Examples:
  $ oversight prove policies/support-refunds.yaml
  $ oversight prove policies/support-refunds.yaml --claim irreversible-waits
  $ oversight prove proposal.yaml --claims policies/support-refunds.claims.yaml --format json

Exit codes:
  0  every claim holds on every input
  1  a claim fails (each with an example), or some inputs could not be decided
  2  usage error, or a policy or claims file that cannot be read or is invalid`;

export function registerProveCommand(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  const command = program
    .command('prove')
    .description('Check claims about a policy over every input: irreversible actions wait, no input falls through, every rule decides, stated routes.')
    .argument('<policy>', 'the policy file (YAML), or revision:path from git')
    .option('--claim <name>', 'check only this claim; repeat for more', (value: string, list: string[]) => [...list, value], [])
    .option('--claims <file>', 'the claims file (default: <name>.claims.yaml beside the policy)')
    .addOption(new Option('--format <format>', 'output format').choices(FORMATS).default('markdown'))
    .option('--out <file>', 'write the answer to a file instead of stdout')
    .addHelpText('after', PROVE_HELP_AFTER);
  command.action(async (policyFile: string, options: ProveOptions) => {
    const usageError = (message: string): never => command.error(message, { exitCode: EXIT.usage, code: 'oversight.usage' });
    setExitCode(await runProve(policyFile, options, io, usageError));
  });
}

async function runProve(policyFile: string, options: ProveOptions, io: CliIo, usageError: (message: string) => never): Promise<number> {
  const policy = await readPolicyText(policyFile, policyFile, io);
  if (policy === undefined) return EXIT.usage;
  const found = await claimsFor(policyFile, options.claims, io);
  if (!found.ok) {
    await writeText(io.stderr, found.report);
    return EXIT.usage;
  }
  const problems = found.claims.flatMap((item) => claimProblems(item, policy.plan, found.file ?? policyFile));
  if (problems.length > 0) {
    await writeText(io.stderr, formatDiagnostics(problems));
    return EXIT.usage;
  }
  const names = found.claims.map(({ claim }) => claim.name);
  const unknown = options.claim.filter((name) => !names.includes(name));
  if (unknown.length > 0) usageError(`error: no claim named ${unknown.map((name) => `'${name}'`).join(', ')}; the claims are ${names.map((name) => `'${name}'`).join(', ')}`);
  const chosen = found.claims.map(({ claim }) => claim).filter((claim) => options.claim.length === 0 || options.claim.includes(claim.name));
  const results = provePolicy(policy.plan, chosen);
  const labels = { policy: policyFile, claims: found.file === undefined ? 'The built-in claims' : `Claims from ${found.file}` };
  const text = options.format === 'json' ? formatProveJson(results, labels) : formatProveMarkdown(results, labels);
  const failed = await writeReport(text, options.out, io);
  if (failed !== undefined) {
    await writeText(io.stderr, `error: ${failed}\n`);
    return EXIT.usage;
  }
  return results.every((result) => result.holds && result.unknown.length === 0) ? EXIT.ok : EXIT.inputError;
}

type FoundClaims = { ok: true; file?: string; claims: FileClaim[] } | { ok: false; report: string };

/** The claims file named, or the one beside a policy file, or the built-in claims. */
async function claimsFor(policyFile: string, named: string | undefined, io: CliIo): Promise<FoundClaims> {
  const readFile = io.readFile ?? readTextFile;
  const beside = join(dirname(policyFile), `${basename(policyFile).replace(/\.ya?ml$/, '')}.claims.yaml`);
  const file = named ?? beside;
  let text: string;
  try {
    text = await readFile(resolve(io.cwd, file));
  } catch (error) {
    // No claims file beside the policy: the built-in claims. One named on the command line must exist.
    if (named === undefined && (error as NodeJS.ErrnoException).code === 'ENOENT') return { ok: true, claims: BUILT_IN_CLAIMS.map((claim) => ({ claim, range: START })) };
    return { ok: false, report: `error: cannot read claims file '${file}': ${describeFileError(error)}\n` };
  }
  const parsed = parseClaims(text, file);
  if (!parsed.ok) return { ok: false, report: formatDiagnostics(parsed.diagnostics) };
  return { ok: true, file, claims: parsed.claims };
}


/** What a claim names that the policy lacks: an exempt rule that is not a rule, a condition the loader refuses. */
function claimProblems({ claim, range, whenRange }: FileClaim, plan: CompiledPolicy, file: string): Diagnostic[] {
  const problem = (message: string, at = range): Diagnostic => ({ ruleId: 'claims-file', severity: 'error', message, file, range: at });
  const ids = new Set(plan.policy.spec.rules.map((rule) => rule.id));
  if (claim.kind === 'irreversible-waits') {
    return (claim.exempt ?? []).filter((id) => !ids.has(id)).map((id) => problem(`claim '${claim.name}': '${id}' is not a rule of policy '${plan.name}'; list the ids of rules the claim allows to run irreversible actions first`));
  }
  if (claim.kind !== 'route') return [];
  // The condition is read as the policy's own would be: declared facts, operators that fit, thresholds that exist.
  const probe = { ...plan.policy, spec: { ...plan.policy.spec, rules: [{ id: 'claim', when: claim.when, route: 'deny' as const }] } };
  const loaded = loadPolicy(JSON.stringify(probe), file);
  if (loaded.ok) return [];
  return loaded.diagnostics.map((diagnostic) => problem(`claim '${claim.name}': its condition ${diagnostic.message.replace(/spec\.rules\[0\]\.when/g, 'when')}`, whenRange ?? range));
}


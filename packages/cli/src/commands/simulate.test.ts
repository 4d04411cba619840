import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import type { SimulationReport, SweepReport } from '@oversight/simulator';
import { run } from '../index.js';
import { memoryIo } from '../../test/memory-io.js';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const schema = (name: string) => JSON.parse(readFileSync(join(repoRoot, 'schemas', name), 'utf8')) as object;
const HISTORY = 'policies/history/support-refunds.history.jsonl';

async function oversight(args: string[], cwd = repoRoot) {
  const memory = memoryIo({ cwd });
  const exitCode = await run(args, memory.io);
  return { exitCode, stdout: memory.stdout(), stderr: memory.stderr() };
}

const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats.default(ajv);
ajv.addSchema(schema('simulation-report.schema.json'));
ajv.addSchema(schema('sweep-report.schema.json'));

describe('oversight simulate --format json', () => {
  it('prints the full report, valid against schemas/simulation-report.schema.json', async () => {
    const { exitCode, stdout } = await oversight(['simulate', '--baseline', 'policies/support-refunds.yaml', '--threshold', 'autoRefundMax=100', '--history', HISTORY, '--format', 'json']);
    expect(exitCode).toBe(0);
    const report = JSON.parse(stdout) as SimulationReport;
    const validate = ajv.getSchema('https://oversight.dev/schemas/simulation-report.schema.json')!;
    expect(validate(report), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    expect(report.fidelity.rate).toBe(1);
    expect(report.comparisons[0]?.escapes.count).toBeGreaterThan(0);
  });

  it("links every route change to the region of inputs it falls in, with what people did there", async () => {
    const { stdout } = await oversight(['simulate', '--baseline', 'policies/support-refunds.yaml', '--threshold', 'autoRefundMax=100', '--history', HISTORY, '--format', 'json']);
    const comparison = (JSON.parse(stdout) as SimulationReport).comparisons[0]!;
    const regions = comparison.regions!;
    // Every changed record lies in exactly one region (support-refunds leaves no input undecided).
    expect(regions.reduce((sum, region) => sum + region.records, 0)).toBe(comparison.routeChanges.changed);
    for (const region of regions) {
      expect(region.where).toContain('amount in (50, 100]');
      expect(region.rejected + region.edited + region.approved).toBeLessThanOrEqual(region.records);
    }
    // The escapes are the newly automated records people rejected or edited (or that failed later): at least those in the auto regions.
    const toAuto = regions.filter((region) => region.to === 'auto');
    expect(toAuto.reduce((sum, region) => sum + region.rejected + region.edited, 0)).toBeLessThanOrEqual(comparison.escapes.count);
    expect(toAuto.reduce((sum, region) => sum + region.records, 0)).toBe(comparison.newlyAutomated);
    const skipped = await oversight(['simulate', '--baseline', 'policies/support-refunds.yaml', '--threshold', 'autoRefundMax=100', '--history', HISTORY, '--format', 'json', '--no-regions']);
    expect((JSON.parse(skipped.stdout) as SimulationReport).comparisons[0]!.regions).toBeUndefined();
  });

  it('counts a repeated decisionId once, listing the later lines with the line read first', async () => {
    const text = readFileSync(join(repoRoot, HISTORY), 'utf8');
    const lines = text.split('\n');
    const path = join(mkdtempSync(join(tmpdir(), 'oversight-repeat-')), 'history.jsonl');
    writeFileSync(path, `${text}${lines[0]}\n${lines[4]}\n`);
    const args = ['simulate', '--baseline', 'policies/support-refunds.yaml', '--threshold', 'autoRefundMax=100', '--history', path, '--format', 'json'];
    const repeated = await oversight(args);
    expect(repeated.exitCode).toBe(0);
    const report = JSON.parse(repeated.stdout) as SimulationReport;
    const validate = ajv.getSchema('https://oversight.dev/schemas/simulation-report.schema.json')!;
    expect(validate(report), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    const count = lines.length - 1;
    expect(report.history.duplicates.examples.map(({ line, first }) => [line, first.line])).toEqual([
      [count + 1, 1],
      [count + 2, 5],
    ]);
    // Every figure is the one the history without the repeats gives.
    const plain = JSON.parse((await oversight(args.map((arg) => (arg === path ? HISTORY : arg)))).stdout) as SimulationReport;
    const named = (value: unknown) => JSON.stringify(value).replaceAll(JSON.stringify(report.history.sources[0]), JSON.stringify(HISTORY));
    expect(named(report.comparisons)).toBe(named(plain.comparisons));
    expect(named(report.baseline)).toBe(named(plain.baseline));
    expect(report.history.replayed).toBe(plain.history.replayed);
  }, 60_000);

  it('writes --out through a temporary file, leaving only the finished report', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'oversight-out-'));
    const out = join(dir, 'report.md');
    const { exitCode, stdout } = await oversight(['simulate', '--baseline', 'policies/support-refunds.yaml', '--threshold', 'autoRefundMax=100', '--history', HISTORY, '--out', out]);
    expect(exitCode).toBe(0);
    expect(stdout).toBe('');
    expect(readFileSync(out, 'utf8')).toMatch(/^## Oversight simulation: ✅ within budget\n/);
    expect(execFileSync('ls', ['-A', dir], { encoding: 'utf8' })).toBe('report.md\n');
  });
});

describe('oversight sweep --format json', () => {
  it('prints every point, valid against schemas/sweep-report.schema.json, automating more as the cap rises', async () => {
    const { exitCode, stdout } = await oversight(['sweep', 'policies/support-refunds.yaml', '--history', HISTORY, '--vary', 'autoRefundMax=0:200:50', '--format', 'json']);
    expect(exitCode).toBe(0);
    const report = JSON.parse(stdout) as SweepReport;
    const validate = ajv.getSchema('https://oversight.dev/schemas/sweep-report.schema.json')!;
    expect(validate(report), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    const automated = report.points.map((point) => point.automated);
    expect(automated).toEqual([...automated].sort((a, b) => a - b));
    expect(report.points.filter((point) => point.current)).toHaveLength(1);
  });
});

describe('a baseline from git', () => {
  it('compares the working copy with the policy at a revision, without a checkout', async () => {
    const repo = mkdtempSync(join(tmpdir(), 'oversight-git-'));
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=CI', '-c', 'user.email=ci@example.com', ...args], { cwd: repo });
    const policy = readFileSync(join(repoRoot, 'policies/support-refunds.yaml'), 'utf8');
    git('init', '-q', '-b', 'main');
    writeFileSync(join(repo, 'refunds.yaml'), policy);
    git('add', '.');
    git('commit', '-qm', 'policy v3');
    // The pull request raises the cap in the working copy.
    writeFileSync(join(repo, 'refunds.yaml'), policy.replace('value: 50\n', 'value: 100\n'));
    const history = join(repoRoot, HISTORY);
    const { exitCode, stdout, stderr } = await oversight(['simulate', '--baseline', 'main:refunds.yaml', '--candidate', 'refunds.yaml', '--history', history, '--format', 'json'], repo);
    expect(stderr).toBe('');
    expect(exitCode).toBe(0);
    const report = JSON.parse(stdout) as SimulationReport;
    expect(report.baseline.policy).toMatchObject({ label: 'main:refunds.yaml', thresholds: { autoRefundMax: 50 } });
    expect(report.comparisons[0]?.candidate.policy.thresholds.autoRefundMax).toBe(100);
    expect(report.fidelity.rate).toBe(1);

    const missing = await oversight(['simulate', '--baseline', 'main:nope.yaml', '--candidate', 'refunds.yaml', '--history', history], repo);
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toMatch(/^error: cannot read policy 'main:nope.yaml' from git: fatal: path 'nope.yaml' does not exist in 'main'/);
  });
});

describe('oversight simulate on a Parquet history', () => {
  // The shipped history as a team would convert it: DuckDB's read_json infers the STRUCTs.
  async function parquetHistory(): Promise<{ dir: string; jsonl: string; parquet: string }> {
    const dir = mkdtempSync(join(tmpdir(), 'oversight-parquet-cli-'));
    const jsonl = join(dir, 'refunds.jsonl');
    const parquet = join(dir, 'refunds.parquet');
    writeFileSync(jsonl, readFileSync(join(repoRoot, HISTORY)));
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
    const connection = await instance.connect();
    await connection.run(`COPY (SELECT * FROM read_json('${jsonl}', format = 'newline_delimited')) TO '${parquet}' (FORMAT parquet)`);
    connection.closeSync();
    instance.closeSync();
    return { dir, jsonl, parquet };
  }

  it('prints with --engine duckdb the report the streaming engine prints for the JSON Lines it came from', async () => {
    const { dir } = await parquetHistory();
    const args = ['simulate', '--baseline', join(repoRoot, 'policies/support-refunds.yaml'), '--threshold', 'autoRefundMax=100', '--format', 'markdown'];
    // Regions included: DuckDB links the changed records to them as the streaming engine does.
    const fromJsonl = await oversight([...args, '--history', 'refunds.jsonl'], dir);
    const fromParquet = await oversight([...args, '--engine', 'duckdb', '--history', 'refunds.parquet'], dir);
    expect(fromParquet.stderr).toBe(fromJsonl.stderr);
    expect(fromParquet.exitCode).toBe(fromJsonl.exitCode);
    expect(fromParquet.stdout).toBe(fromJsonl.stdout.replaceAll('refunds.jsonl', 'refunds.parquet'));
    expect(fromParquet.stdout).toContain('refunds.parquet');
  }, 120_000);

  it('refuses a Parquet history on the streaming engine, saying which engine reads it (exit 2)', async () => {
    const { dir } = await parquetHistory();
    const result = await oversight(['simulate', '--baseline', join(repoRoot, 'policies/support-refunds.yaml'), '--threshold', 'autoRefundMax=100', '--history', 'refunds.parquet'], dir);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain("history 'refunds.parquet' is Parquet, which only DuckDB reads: run simulate or sweep with --engine duckdb");
    expect(result.stdout).toBe('');
  }, 120_000);

  it('refuses to mix Parquet and JSON Lines in one replay, naming both (exit 2)', async () => {
    const { dir } = await parquetHistory();
    const result = await oversight(['simulate', '--engine', 'duckdb', '--baseline', join(repoRoot, 'policies/support-refunds.yaml'), '--threshold', 'autoRefundMax=100', '--history', 'refunds.jsonl', '--history', 'refunds.parquet'], dir);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('refunds.jsonl is JSON Lines and refunds.parquet is Parquet: replay histories of different formats separately');
  }, 120_000);
});

describe('oversight simulate on a CSV history', () => {
  // The shipped history as a warehouse exports it: a column a field, dotted names for objects' fields, lists as JSON.
  const COLUMNS = [
    'decisionId', 'at', 'policy.name', 'policy.version', 'policy.hash', 'route', 'audit', 'downstream.error',
    ...['actionType', 'amount', 'currency', 'orderId', 'reasonCode', 'confidence', 'recentClaims', 'refundToOriginalMethod', 'irreversible'].map((fact) => `facts.${fact}`),
    ...['decision', 'reviewer', 'turnaroundSeconds', 'reviewerId', 'reason'].map((field) => `outcome.${field}`),
  ];

  async function csvHistory(): Promise<string> {
    const dir = mkdtempSync(join(tmpdir(), 'oversight-csv-cli-'));
    // The header is the CSV's line 1: the JSON Lines start a line lower to tell the same lines.
    writeFileSync(join(dir, 'refunds.jsonl'), `\n${readFileSync(join(repoRoot, HISTORY), 'utf8')}`);
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
    const connection = await instance.connect();
    const select = [...COLUMNS.map((column) => `${column.split('.').map((key) => `"${key}"`).join('.')} AS "${column}"`), 'to_json(rules) AS rules'];
    await connection.run(`COPY (SELECT ${select.join(', ')} FROM read_json('${join(dir, 'refunds.jsonl')}', format = 'newline_delimited')) TO '${join(dir, 'refunds.csv')}' (FORMAT csv, HEADER)`);
    connection.closeSync();
    instance.closeSync();
    return dir;
  }

  it('prints with --engine duckdb the report the streaming engine prints for the JSON Lines it came from', async () => {
    const dir = await csvHistory();
    const args = ['simulate', '--baseline', join(repoRoot, 'policies/support-refunds.yaml'), '--threshold', 'autoRefundMax=100', '--format', 'json'];
    const fromJsonl = await oversight([...args, '--history', 'refunds.jsonl'], dir);
    const fromCsv = await oversight([...args, '--engine', 'duckdb', '--history', 'refunds.csv'], dir);
    expect(fromCsv.stderr).toBe(fromJsonl.stderr);
    expect(fromCsv.exitCode).toBe(fromJsonl.exitCode);
    expect(fromCsv.stdout).toBe(fromJsonl.stdout.replaceAll('refunds.jsonl', 'refunds.csv'));
    const report = JSON.parse(fromCsv.stdout) as SimulationReport;
    expect(report.history.total).toBeGreaterThan(1000);
    expect(report.comparisons[0]!.regions!.reduce((sum, region) => sum + region.records, 0)).toBe(report.comparisons[0]!.routeChanges.changed);
  }, 120_000);

  it('refuses a CSV history on the streaming engine, and a CSV whose columns set a field twice, naming the file (exit 2)', async () => {
    const dir = await csvHistory();
    const policy = join(repoRoot, 'policies/support-refunds.yaml');
    const streaming = await oversight(['simulate', '--baseline', policy, '--threshold', 'autoRefundMax=100', '--history', 'refunds.csv'], dir);
    expect(streaming.exitCode).toBe(2);
    expect(streaming.stderr).toContain("history 'refunds.csv' is CSV, which only DuckDB reads: run simulate or sweep with --engine duckdb");
    writeFileSync(join(dir, 'twice.csv'), 'decisionId,outcome,outcome.decision\nd-1,{},approved\n');
    const twice = await oversight(['simulate', '--engine', 'duckdb', '--baseline', policy, '--threshold', 'autoRefundMax=100', '--history', 'twice.csv'], dir);
    expect(twice.exitCode).toBe(2);
    expect(twice.stderr).toBe("error: twice.csv: columns 'outcome' and 'outcome.decision' both set outcome: keep one (a dotted name is a field of an object)\n");
    expect(twice.stdout).toBe('');
  }, 120_000);
});

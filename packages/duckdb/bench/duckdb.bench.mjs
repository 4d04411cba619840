// The DuckDB engine on Parquet against the streaming engine on the same
// generated support-refunds records in JSON Lines, each run in its own process
// so peak memory is its own: simulate (baseline + one candidate) on both, and
// a 50-point sweep on DuckDB. The Parquet file is what DuckDB's read_json
// makes of the JSON Lines (made once, beside it). Reports ratios measured in
// this run, and fails when the two engines' reports differ at all.
//   node bench/duckdb.bench.mjs [--records N]   (default 10,000,000; needs a build)
import { execFileSync } from 'node:child_process';
import { createReadStream, existsSync, readFileSync, renameSync } from 'node:fs';
import os from 'node:os';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { benchHistory } from '../../cli/bench/history-file.mjs';

const POLICY = fileURLToPath(new URL('../../../policies/support-refunds.yaml', import.meta.url));
const POINTS = Array.from({ length: 50 }, (_, i) => ({ autoRefundMax: i * 4 }));
// Both engines name the history alike, so their reports can be compared whole.
const NAME = 'support-refunds.history';

async function run(mode, file) {
  const { compilePolicy, loadPolicy } = await import('@oversight/core');
  const { simulate } = await import('@oversight/simulator');
  const { simulateOnDuckDb, sweepOnDuckDb } = await import('../dist/index.js');
  const loaded = loadPolicy(readFileSync(POLICY, 'utf8'), POLICY);
  const plan = compilePolicy(loaded.policy);
  const options = { baseline: { label: 'main', plan }, candidates: [{ label: 'autoRefundMax=100', plan, thresholds: { autoRefundMax: 100 } }] };
  const started = performance.now();
  let report;
  if (mode === 'stream') report = await simulate([{ name: NAME, chunks: createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 }) }], options);
  else if (mode === 'duckdb') report = await simulateOnDuckDb([{ name: NAME, path: file }], options);
  else report = await sweepOnDuckDb([{ name: NAME, path: file }], { label: 'main', plan, vary: [{ name: 'autoRefundMax', from: 0, to: 196, step: 4 }], points: POINTS });
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(JSON.stringify({ seconds, rssMB: process.resourceUsage().maxRSS / 1024, records: report.history.total, report: mode === 'sweep' ? undefined : report }));
}

/** The JSON Lines history as Parquet, converted by DuckDB once. */
async function parquetOf(jsonl) {
  const parquet = jsonl.replace(/\.jsonl$/, '.parquet');
  if (existsSync(parquet)) return parquet;
  process.stderr.write(`converting to ${parquet} ...\n`);
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  await connection.run(`COPY (SELECT * FROM read_json('${jsonl}', format = 'newline_delimited')) TO '${parquet}.part' (FORMAT parquet)`);
  connection.closeSync();
  instance.closeSync();
  renameSync(`${parquet}.part`, parquet);
  return parquet;
}

if (process.argv[2] === '--child') {
  await run(process.argv[3], process.argv[4]);
} else {
  const at = process.argv.indexOf('--records');
  const records = at > 0 ? Number(process.argv[at + 1]) : 10_000_000;
  const jsonl = benchHistory(records);
  const parquet = await parquetOf(jsonl);
  const measure = (mode, file) => JSON.parse(execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--child', mode, file], { encoding: 'utf8', maxBuffer: 1 << 28 }));
  const stream = measure('stream', jsonl);
  const duckdb = measure('duckdb', parquet);
  const sweep = measure('sweep', parquet);
  if (JSON.stringify(stream.report) !== JSON.stringify(duckdb.report)) throw new Error('the engines’ reports differ: the benchmark is void');
  const row = (name, r) => `| ${name} | ${r.seconds.toFixed(2)} s | ${Math.round(r.records / r.seconds).toLocaleString('en-US')} | ${Math.round(r.rssMB)} MB |`;
  console.log(`${records.toLocaleString('en-US')} records, ${os.cpus().length} cores; identical reports from both engines\n`);
  console.log('| run | time | records/s | peak RSS |\n|---|---:|---:|---:|');
  console.log(row('simulate, streaming engine (JSON Lines)', stream));
  console.log(row('simulate, --engine duckdb (Parquet)', duckdb));
  console.log(row('sweep of 50 points, --engine duckdb (Parquet)', sweep));
  console.log(`\nduckdb on Parquet / streaming on JSON Lines (speed-up): ${(stream.seconds / duckdb.seconds).toFixed(2)}x (target 20x)`);
  console.log(`50-point sweep / one simulation, duckdb (time): ${(sweep.seconds / duckdb.seconds).toFixed(2)}x (target under 5x)`);
}

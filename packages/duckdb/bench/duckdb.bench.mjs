// The DuckDB engine against the streaming engine on the same generated
// support-refunds history (JSON Lines), each run in its own process so peak
// memory is its own: simulate (baseline + one candidate) on both engines, and
// a 50-point sweep on DuckDB. Reports ratios measured in this run.
//   node bench/duckdb.bench.mjs [--records N]   (default 1,000,000; needs a build)
import { execFileSync } from 'node:child_process';
import { createReadStream, readFileSync } from 'node:fs';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { benchHistory } from '../../cli/bench/history-file.mjs';

const POLICY = fileURLToPath(new URL('../../../policies/support-refunds.yaml', import.meta.url));
const POINTS = Array.from({ length: 50 }, (_, i) => ({ autoRefundMax: i * 4 }));

async function run(mode, file) {
  const { compilePolicy, loadPolicy } = await import('@oversight/core');
  const { simulate } = await import('@oversight/simulator');
  const { simulateOnDuckDb, sweepOnDuckDb } = await import('../dist/index.js');
  const loaded = loadPolicy(readFileSync(POLICY, 'utf8'), POLICY);
  const plan = compilePolicy(loaded.policy);
  const options = { baseline: { label: 'main', plan }, candidates: [{ label: 'autoRefundMax=100', plan, thresholds: { autoRefundMax: 100 } }] };
  const started = performance.now();
  let report;
  if (mode === 'stream') report = await simulate([{ name: file, chunks: createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 }) }], options);
  else if (mode === 'duckdb') report = await simulateOnDuckDb([{ name: file, path: file }], options);
  else report = await sweepOnDuckDb([{ name: file, path: file }], { label: 'main', plan, vary: [{ name: 'autoRefundMax', from: 0, to: 196, step: 4 }], points: POINTS });
  const seconds = (performance.now() - started) / 1000;
  const summary = mode === 'sweep' ? report.points.map((p) => p.automated).join(',') : JSON.stringify(report.comparisons[0].routeChanges);
  process.stdout.write(JSON.stringify({ seconds, rssMB: process.resourceUsage().maxRSS / 1024, records: report.history.total, summary }));
}

if (process.argv[2] === '--child') {
  await run(process.argv[3], process.argv[4]);
} else {
  const at = process.argv.indexOf('--records');
  const records = at > 0 ? Number(process.argv[at + 1]) : 1_000_000;
  const file = benchHistory(records);
  const measure = (mode) => JSON.parse(execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--child', mode, file], { encoding: 'utf8', maxBuffer: 1 << 26 }));
  const stream = measure('stream');
  const duckdb = measure('duckdb');
  const sweep = measure('sweep');
  if (stream.summary !== duckdb.summary) throw new Error('the engines disagree on the route changes: the benchmark is void');
  const row = (name, r) => `| ${name} | ${r.seconds.toFixed(2)} s | ${Math.round(r.records / r.seconds).toLocaleString('en-US')} | ${Math.round(r.rssMB)} MB |`;
  console.log(`${records.toLocaleString('en-US')} records (JSON Lines), ${(await import('node:os')).cpus().length} cores\n`);
  console.log('| run | time | records/s | peak RSS |\n|---|---:|---:|---:|');
  console.log(row('simulate, streaming engine', stream));
  console.log(row('simulate, --engine duckdb', duckdb));
  console.log(row('sweep of 50 points, --engine duckdb', sweep));
  console.log(`\nduckdb / streaming (speed-up): ${(stream.seconds / duckdb.seconds).toFixed(2)}x`);
  console.log(`50-point sweep / one simulation, duckdb (time): ${(sweep.seconds / duckdb.seconds).toFixed(2)}x`);
}

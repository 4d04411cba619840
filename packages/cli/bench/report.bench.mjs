// Benchmarks `oversight report` against `oversight simulate` over the same
// generated history of support-refunds (1,000,000 records by default), end to
// end, median of ROUNDS, in the same run. Target: a report takes under 1.5x the
// time of one simulation.
//
//   pnpm --filter @oversight/cli build && node bench/report.bench.mjs [--records N]
import { spawnSync } from 'node:child_process';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { benchHistory } from './history-file.mjs';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const ROOT = here('../../../');
const BIN = here('../dist/bin.js');
const POLICY = join(ROOT, 'policies/support-refunds.yaml');
const RESULTS = here('./results/');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const argRecords = process.argv.indexOf('--records');
const RECORDS = argRecords > 0 ? Number(process.argv[argRecords + 1]) : 1_000_000;
const TARGET = 1.5;

const file = benchHistory(RECORDS);
// A report file in the temp directory, never a device: the command's cost includes writing it.
const OUT = join(os.tmpdir(), 'oversight-bench', 'review-report.json');

function wallTime(label, args) {
  const runs = [];
  for (let round = 0; round < ROUNDS; round++) {
    const start = process.hrtime.bigint();
    const result = spawnSync(process.execPath, [BIN, ...args, '--format', 'json', '--out', OUT], { cwd: ROOT, encoding: 'utf8' });
    runs.push(Number(process.hrtime.bigint() - start) / 1e9);
    if (result.status !== 0 && !(label.startsWith('oversight simulate') && result.status === 1)) throw new Error(`${label} exited ${result.status}:\n${result.stderr}`);
  }
  runs.sort((a, b) => a - b);
  return { label, seconds: runs[Math.floor(runs.length / 2)] };
}

// Interleaved, so both see the same state of a shared machine.
const simulate = wallTime('oversight simulate', ['simulate', '--baseline', POLICY, '--threshold', 'autoRefundMax=100', '--history', file]);
const report = wallTime('oversight report', ['report', '--history', file, '--policy', POLICY]);
const ratio = report.seconds / simulate.seconds;

console.log(`\n${RECORDS.toLocaleString('en-US')} records, ${(statSync(file).size / 1e6).toFixed(0)} MB; ${os.cpus().length} cores, Node ${process.version}; end to end, median of ${ROUNDS}`);
for (const { label, seconds } of [simulate, report]) console.log(`  ${label.padEnd(22)} ${seconds.toFixed(2).padStart(6)} s  ${Math.round(RECORDS / seconds).toLocaleString('en-US').padStart(10)} records/s`);
console.log(`\n  report / simulate (time)  ${ratio.toFixed(2)}   target < ${TARGET}: ${ratio < TARGET ? 'meets' : 'MISSES'}`);
mkdirSync(RESULTS, { recursive: true });
writeFileSync(join(RESULTS, 'report.json'), JSON.stringify({ records: RECORDS, machine: { cores: os.cpus().length, node: process.version }, simulate, report, ratio }, null, 2) + '\n');

// Benchmarks `oversight simulate` and `oversight sweep` on a generated history
// of support-refunds, against floors measured in the same run: reading the
// file, and reading + JSON.parse of every line, in one thread. Every figure
// is a separate process (the built CLI), timed end to end, median of ROUNDS.
//
//   pnpm --filter @oversight/cli build && node bench/simulate.bench.mjs [--records N]
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const ROOT = here('../../../');
const BIN = here('../dist/bin.js');
const POLICY = join(ROOT, 'policies/support-refunds.yaml');
const GENERATOR = join(ROOT, 'packages/simulator/scripts/generate-history.ts');
const RESULTS = here('./results/');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const argRecords = process.argv.indexOf('--records');
const RECORDS = argRecords > 0 ? Number(process.argv[argRecords + 1]) : 1_000_000;
const TARGETS = { replayVsParseFloor: 0.85, jobs2VsParseFloor: 1.5, sweep50VsSimulate: 3 };

function history(records) {
  const dir = join(os.tmpdir(), 'oversight-bench');
  const file = join(dir, `support-refunds.${records}.history.jsonl`);
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    process.stderr.write(`generating ${records.toLocaleString('en-US')} records into ${file} ...\n`);
    execFileSync(process.execPath, ['--conditions=@oversight/source', '--import', 'tsx', GENERATOR, '--policy', 'support-refunds', '--count', String(records), '--out', dir, '--seed', '7'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    const generated = join(dir, 'support-refunds.history.jsonl');
    execFileSync('mv', [generated, file]);
  }
  return file;
}

// Runs a command ROUNDS times; returns the median wall time and the peak RSS seen.
function time(label, args) {
  const runs = [];
  let rss = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const start = process.hrtime.bigint();
    const result = spawnSync(process.execPath, ['--import', here('./max-rss.mjs'), ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    if (result.status !== 0 && result.status !== 1) throw new Error(`${label} exited ${result.status}:\n${result.stderr}`);
    const match = /maxRSS=(\d+)/.exec(result.stderr);
    rss = Math.max(rss, match ? Number(match[1]) * 1024 : 0);
    runs.push(seconds);
  }
  runs.sort((a, b) => a - b);
  return { label, seconds: runs[Math.floor(runs.length / 2)], rssBytes: rss };
}

const simulateArgs = (file, extra = []) => [BIN, 'simulate', '--baseline', POLICY, '--threshold', 'autoRefundMax=100', '--history', file, '--format', 'json', '--out', '/dev/null', ...extra];
const sweepArgs = (file, points) => [BIN, 'sweep', POLICY, '--history', file, '--vary', `autoRefundMax=0:${(points - 1) * 4}:4`, '--format', 'json', '--out', '/dev/null'];

const file = history(RECORDS);
const small = history(100_000);
const lines = RECORDS;
const results = [
  time('read lines', [here('./read-floor.mjs'), file, 'read']),
  time('read lines (node:readline)', [here('./read-floor.mjs'), file, 'readline']),
  time('read + JSON.parse (floor)', [here('./read-floor.mjs'), file, 'parse']),
  time('simulate: baseline + candidate', simulateArgs(file)),
  time('simulate --jobs 2', simulateArgs(file, ['--jobs', '2'])),
  time('sweep: 50 points', sweepArgs(file, 50)),
  time('simulate, 100k records', simulateArgs(small)),
];
const by = Object.fromEntries(results.map((result) => [result.label, result]));
const perSecond = (result, count = lines) => count / result.seconds;

console.log(`\n${RECORDS.toLocaleString('en-US')} records, ${(statSync(file).size / 1e6).toFixed(0)} MB; ${os.cpus().length} cores, Node ${process.version}, median of ${ROUNDS}\n`);
for (const result of results) {
  const count = result.label.includes('100k') ? 100_000 : lines;
  console.log(`  ${result.label.padEnd(34)} ${result.seconds.toFixed(2).padStart(7)} s  ${Math.round(perSecond(result, count)).toLocaleString('en-US').padStart(11)} lines/s  peak RSS ${(result.rssBytes / 2 ** 20).toFixed(0).padStart(4)} MB`);
}
const floor = by['read + JSON.parse (floor)'];
const ratios = {
  replayVsParseFloor: floor.seconds / by['simulate: baseline + candidate'].seconds,
  jobs2VsParseFloor: floor.seconds / by['simulate --jobs 2'].seconds,
  sweep50VsSimulate: by['sweep: 50 points'].seconds / by['simulate: baseline + candidate'].seconds,
};
console.log('\nratios:');
console.log(`  simulate / floor (throughput)        ${ratios.replayVsParseFloor.toFixed(2)}   target >= ${TARGETS.replayVsParseFloor}: ${ratios.replayVsParseFloor >= TARGETS.replayVsParseFloor ? 'meets' : 'MISSES'}`);
console.log(`  simulate --jobs 2 / floor            ${ratios.jobs2VsParseFloor.toFixed(2)}   target >= ${TARGETS.jobs2VsParseFloor}: ${ratios.jobs2VsParseFloor >= TARGETS.jobs2VsParseFloor ? 'meets' : 'MISSES'}`);
console.log(`  sweep 50 points / simulate (time)    ${ratios.sweep50VsSimulate.toFixed(2)}   target <= ${TARGETS.sweep50VsSimulate}: ${ratios.sweep50VsSimulate <= TARGETS.sweep50VsSimulate ? 'meets' : 'MISSES'}`);
mkdirSync(RESULTS, { recursive: true });
writeFileSync(join(RESULTS, 'simulate.json'), JSON.stringify({ records: RECORDS, machine: { cores: os.cpus().length, cpu: os.cpus()[0]?.model, node: process.version }, results, ratios }, null, 2) + '\n');

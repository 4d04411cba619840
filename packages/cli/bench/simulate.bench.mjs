// Benchmarks `oversight simulate` and `oversight sweep` on a generated history
// of support-refunds, against floors measured in the same run: reading the
// file, and reading + JSON.parse of every line, in one thread; and against a
// bound: the same replay written by hand for this one policy
// (hand-written-replay.mjs), which must report the same figures. Every figure
// comes from a separate process, median of ROUNDS.
//
//   pnpm --filter @oversight/cli build && node bench/simulate.bench.mjs [--records N]
//
// Throughput is measured inside each process (replay-throughput.mjs), so start-up
// is not counted; the end-to-end runs of the CLI are wall time.
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
const TARGETS = { replayVsParseFloor: 0.85, sweep50VsSimulate: 3 };

// Runs a process ROUNDS times: the median of the seconds it measured itself (or of
// its wall time), and the peak RSS seen.
function measure(label, args, { records, inside = true } = {}) {
  const runs = [];
  let rss = 0;
  let output;
  for (let round = 0; round < ROUNDS; round++) {
    const start = process.hrtime.bigint();
    const result = spawnSync(process.execPath, ['--import', here('./max-rss.mjs'), ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
    const wall = Number(process.hrtime.bigint() - start) / 1e9;
    if (result.status !== 0) throw new Error(`${label} exited ${result.status}:\n${result.stderr}`);
    const match = /maxRSS=(\d+)/.exec(result.stderr);
    rss = Math.max(rss, match ? Number(match[1]) * 1024 : 0);
    output = inside ? JSON.parse(result.stdout) : undefined;
    runs.push(output?.seconds ?? wall);
  }
  runs.sort((a, b) => a - b);
  const seconds = runs[Math.floor(runs.length / 2)];
  return { label, records, seconds, linesPerSecond: records / seconds, rssBytes: rss, figures: output?.figures };
}

const file = benchHistory(RECORDS);
const small = benchHistory(100_000);
const inProcess = (mode, path = file, records = RECORDS) => measure(mode, [here('./replay-throughput.mjs'), path, mode], { records });
// A report file in the temp directory, never a device: the command's cost includes writing it, as in CI.
const REPORT = join(os.tmpdir(), 'oversight-bench', 'report.json');
const cli = (label, args, records = RECORDS) => measure(label, [BIN, ...args, '--format', 'json', '--out', REPORT], { records, inside: false });
const simulateArgs = (path) => ['simulate', '--baseline', POLICY, '--threshold', 'autoRefundMax=100', '--history', path];

const results = [
  inProcess('read'),
  inProcess('readline-parse'),
  inProcess('parse'),
  inProcess('simulate'),
  { ...inProcess('hand-written'), label: 'hand-written replay (bound)' },
  inProcess('sweep50'),
  { ...inProcess('simulate', small, 100_000), label: 'simulate, 100k records' },
  cli('oversight simulate (end to end)', simulateArgs(file)),
  cli('oversight simulate, 100k (end to end)', simulateArgs(small), 100_000),
];

// The bound counts for: it must report what simulate reports.
const by = Object.fromEntries(results.map((result) => [result.label, result]));
const sorted = (figures) => JSON.stringify(figures, (key, value) => (value && typeof value === 'object' && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).sort()) : value));
if (sorted(by.simulate.figures) !== sorted(by['hand-written replay (bound)'].figures)) {
  throw new Error(`the hand-written replay disagrees with simulate:\n  simulate     ${sorted(by.simulate.figures)}\n  hand-written ${sorted(by['hand-written replay (bound)'].figures)}`);
}

console.log(`\n${RECORDS.toLocaleString('en-US')} records, ${(statSync(file).size / 1e6).toFixed(0)} MB; ${os.cpus().length} cores, ${os.cpus()[0]?.model}, Node ${process.version}; median of ${ROUNDS}`);
console.log('(in-process figures exclude start-up: module loading and compiling the policies)\n');
for (const result of results) {
  console.log(`  ${result.label.padEnd(42)} ${result.seconds.toFixed(2).padStart(6)} s  ${Math.round(result.linesPerSecond).toLocaleString('en-US').padStart(10)} lines/s  peak RSS ${(result.rssBytes / 2 ** 20).toFixed(0).padStart(4)} MB`);
}
const throughput = (label) => by[label].linesPerSecond;
const ratios = {
  replayVsParseFloor: throughput('simulate') / throughput('parse'),
  replayVsReadlineParseFloor: throughput('simulate') / throughput('readline-parse'),
  sweep50VsSimulate: by.sweep50.seconds / by.simulate.seconds,
  handWrittenVsParseFloor: throughput('hand-written replay (bound)') / throughput('parse'),
  simulateVsHandWritten: throughput('simulate') / throughput('hand-written replay (bound)'),
};
const verdict = (ok) => (ok ? 'meets' : 'MISSES');
console.log('\nratios (throughput):');
console.log(`  simulate / read + JSON.parse (same reader)        ${ratios.replayVsParseFloor.toFixed(2)}   target >= ${TARGETS.replayVsParseFloor}: ${verdict(ratios.replayVsParseFloor >= TARGETS.replayVsParseFloor)}`);
console.log(`  simulate / node:readline + JSON.parse             ${ratios.replayVsReadlineParseFloor.toFixed(2)}`);
console.log(`  hand-written replay / read + JSON.parse (bound)   ${ratios.handWrittenVsParseFloor.toFixed(2)}   what code written for this one policy reaches`);
console.log(`  simulate / hand-written replay                    ${ratios.simulateVsHandWritten.toFixed(2)}`);
console.log(`  sweep of 50 points / simulate (time)              ${ratios.sweep50VsSimulate.toFixed(2)}   target <= ${TARGETS.sweep50VsSimulate}: ${verdict(ratios.sweep50VsSimulate <= TARGETS.sweep50VsSimulate)}`);
mkdirSync(RESULTS, { recursive: true });
const stored = results.map(({ figures: _figures, ...result }) => result);
writeFileSync(join(RESULTS, 'simulate.json'), JSON.stringify({ records: RECORDS, machine: { cores: os.cpus().length, cpu: os.cpus()[0]?.model, node: process.version }, results: stored, ratios }, null, 2) + '\n');

// What the JSON checks cost the simulator: the same in-process replay
// (replay-throughput.mjs, mode simulate) of a generated support-refunds
// history, with every line read by parseJson (repeated keys, length and depth
// limits) and with plain JSON.parse (plain-json-parse.mjs), alternating, in
// separate processes, median of ROUNDS each. Target: the checked replay keeps
// at least 85% of the throughput.
//
//   pnpm --filter @oversight/cli build && node bench/json-check.bench.mjs [--records N]
//
// The history is simulate.bench.mjs's, generated once into the temp dir (history-file.mjs).
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { benchHistory } from './history-file.mjs';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const ROOT = here('../../../');
const RESULTS = here('./results/');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const argRecords = process.argv.indexOf('--records');
const RECORDS = argRecords > 0 ? Number(process.argv[argRecords + 1]) : 1_000_000;
const TARGET = 0.85;

function once(file, preload) {
  const result = spawnSync(process.execPath, [...preload, here('./replay-throughput.mjs'), file, 'simulate'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (result.status !== 0) throw new Error(`replay-throughput.mjs ${preload.join(' ')} exited ${result.status}:\n${result.stderr}`);
  return JSON.parse(result.stdout);
}

const file = benchHistory(RECORDS);
const variants = [
  { label: 'simulate, parseJson (checked)', preload: [], runs: [] },
  { label: 'simulate, plain JSON.parse', preload: ['--import', here('./plain-json-parse.mjs')], runs: [] },
];
// Alternating, so a machine that slows down mid-run slows both alike.
for (let round = 0; round < ROUNDS; round++) {
  for (const variant of variants) {
    const output = once(file, variant.preload);
    variant.runs.push(output.seconds);
    variant.figures = output.figures;
  }
}
const [checked, plain] = variants;
// On a history with no repeated keys the checks refuse nothing: both must count the same.
if (JSON.stringify(checked.figures) !== JSON.stringify(plain.figures)) {
  throw new Error(`the checked and plain replays disagree:\n  checked ${JSON.stringify(checked.figures)}\n  plain   ${JSON.stringify(plain.figures)}`);
}
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const results = variants.map(({ label, runs }) => ({ label, records: RECORDS, seconds: median(runs), linesPerSecond: RECORDS / median(runs), runs }));
// Each round's two runs are neighbours in time: the median of their ratios is steadier than a ratio of medians on a busy machine.
const ratio = median(checked.runs.map((seconds, round) => plain.runs[round] / seconds));

console.log(`\n${RECORDS.toLocaleString('en-US')} records; ${os.cpus().length} cores, ${os.cpus()[0]?.model}, Node ${process.version}; median of ${ROUNDS}, alternating\n`);
for (const result of results) {
  console.log(`  ${result.label.padEnd(34)} ${result.seconds.toFixed(2).padStart(6)} s  ${Math.round(result.linesPerSecond).toLocaleString('en-US').padStart(10)} lines/s`);
}
console.log(`\n  checked / plain (throughput, median of the rounds' ratios)  ${ratio.toFixed(3)}   target >= ${TARGET}: ${ratio >= TARGET ? 'meets' : 'MISSES'}`);
mkdirSync(RESULTS, { recursive: true });
writeFileSync(join(RESULTS, 'json-check.json'), JSON.stringify({ records: RECORDS, machine: { cores: os.cpus().length, cpu: os.cpus()[0]?.model, node: process.version }, results, ratio, target: TARGET }, null, 2) + '\n');

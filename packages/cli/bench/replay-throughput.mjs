// One throughput measurement in this process, so module loading and policy
// compilation are not counted: a floor (reading, then reading + JSON.parse),
// a replay through the built CLI's own reader, or the replay written by
// hand for this one policy (hand-written-replay.mjs). The simulate and hand-written
// modes also print the key figures, which the benchmark compares.
//   node replay-throughput.mjs <history.jsonl> read|parse|readline-parse|simulate|sweep50|hand-written
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { replayFiles } from '../dist/history/replay-files.js';
import { compilePolicy, loadPolicy } from '@oversight/core';
import { simulationVariants, sweepVariants } from '@oversight/simulator/internal';
import { handWrittenReplay } from './hand-written-replay.mjs';

const [file, mode] = process.argv.slice(2);
const policyFile = fileURLToPath(new URL('../../../policies/support-refunds.yaml', import.meta.url));
const plan = compilePolicy(loadPolicy(readFileSync(policyFile, 'utf8'), policyFile).policy);
let sink = 0;
let figures;

// The floor's reader: UTF-8 chunks of 1 MB split at '\n', what a careful script does.
async function eachLine(onLine) {
  let carry = '';
  for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
    let start = 0;
    let end = chunk.indexOf('\n');
    if (end >= 0 && carry !== '') {
      onLine(carry + chunk.slice(0, end));
      carry = '';
      start = end + 1;
      end = chunk.indexOf('\n', start);
    }
    while (end >= 0) {
      onLine(chunk.slice(start, end));
      start = end + 1;
      end = chunk.indexOf('\n', start);
    }
    carry += chunk.slice(start);
  }
  if (carry !== '') onLine(carry);
}

const { variants: simulateVariants } = simulationVariants({ baseline: { label: 'baseline', plan }, candidates: [{ label: 'candidate', plan, thresholds: { autoRefundMax: 100 } }] });
const points = Array.from({ length: 50 }, (_, i) => ({ autoRefundMax: i * 4 }));
const sweep50Variants = sweepVariants({ label: 'policy', plan, vary: [{ name: 'autoRefundMax', from: 0, to: 196, step: 4 }], points });
const files = [{ name: 'history.jsonl', path: file, size: statSync(file).size }];
const replay = async (variants) => {
  const start = performance.now();
  const state = await replayFiles(files, variants, { examples: 20 });
  sink += state.total;
  const elapsed = performance.now() - start;
  if (variants === simulateVariants) figures = keyFigures(state);
  return elapsed;
};

// What the hand-written replay counts too, from a replay's state.
function keyFigures(state) {
  const variants = state.variants.map((variant, index) => ({
    routes: variant.routes,
    ruleHits: variant.ruleHits,
    reviews: Object.fromEntries(Object.entries(variant.roles).map(([role, tally]) => [role, tally.byRoute.reduce((sum, n) => sum + n, 0)])),
    matrix: index === 0 ? new Array(25).fill(0) : variant.matrix,
    escapes: variant.escapes,
    savedReviews: variant.savedReviews,
  }));
  return { reproduced: state.fidelity.reproduced, invalid: state.invalid.count, variants };
}

const timed = async (work) => {
  const start = performance.now();
  await work();
  return performance.now() - start;
};
const modes = {
  read: () => timed(() => eachLine((line) => (sink += line.length))),
  parse: () => timed(() => eachLine((line) => (sink += line === '' ? 0 : JSON.parse(line).route.length))),
  'readline-parse': () =>
    timed(async () => {
      for await (const line of createInterface({ input: createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 }), crlfDelay: Infinity })) sink += line === '' ? 0 : JSON.parse(line).route.length;
    }),
  simulate: () => replay(simulateVariants),
  sweep50: () => replay(sweep50Variants),
  'hand-written': () =>
    timed(async () => {
      figures = await handWrittenReplay(file);
    }),
};
const ms = await modes[mode]();
process.stdout.write(JSON.stringify({ mode, seconds: ms / 1000, rssBytes: process.resourceUsage().maxRSS * 1024, sink, figures }) + '\n');

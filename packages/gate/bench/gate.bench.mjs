// Benchmarks proposals through the gate with its fsync'd JSON Lines log, against
// two baselines measured in the same run: bare `evaluate` (the decision alone)
// and a plain append + fdatasync of the same bytes, one line at a time (what a
// service that logs each decision durably by hand would pay). The gate with
// group commit should reach at least half the proposals per second of the plain
// append. Runs the built package (../dist), never the TypeScript source.
//
//   pnpm --filter @oversight/gate build && node bench/gate.bench.mjs
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compilePolicy, evaluate, loadPolicy } from '@oversight/core';
import { createGate, JsonlDecisionLog } from '../dist/index.js';

const POLICY_FILE = fileURLToPath(new URL('../../../policies/support-refunds.yaml', import.meta.url));
const PROPOSALS = 4_000;
const CONCURRENCY = 32;
const ROUNDS = 3;
const TARGET = 0.5;

const loaded = loadPolicy(readFileSync(POLICY_FILE, 'utf8'), POLICY_FILE);
if (!loaded.ok) throw new Error(`cannot load ${POLICY_FILE}`);
const plan = compilePolicy(loaded.policy);

// Realistic refunds: amounts across every route, seeded so each run times the same inputs.
let seed = 0x5eed;
const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
const facts = Array.from({ length: PROPOSALS }, (_, i) => ({
  actionType: random() < 0.8 ? 'refund' : 'store_credit',
  amount: Math.round(5 + random() * 900),
  currency: 'USD',
  orderId: `ORD-${String(1_000_000 + i)}`,
  reasonCode: ['damaged', 'not_received', 'wrong_item', 'late_delivery'][i % 4],
  confidence: Math.round((0.6 + random() * 0.4) * 100) / 100,
  recentClaims: random() < 0.05 ? 4 : 0,
  refundToOriginalMethod: random() < 0.97,
  irreversible: true,
}));

const workDir = mkdtempSync(join(os.tmpdir(), 'oversight-gate-bench-'));
let runs = 0;
const freshLog = () => join(workDir, `run-${++runs}.jsonl`);

async function timeIt(fn) {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

/** Proposals in flight at once, as a busy service has them. */
async function inParallel(count, each) {
  let next = 0;
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next < count) await each(next++);
  }));
}

async function bareEvaluate() {
  const now = new Date();
  for (const action of facts) evaluate(plan, action, { now });
}

/** The bytes the gate writes for these proposals, appended and synced one line at a time. */
async function plainAppend(lines) {
  const handle = await open(freshLog(), 'a');
  for (const line of lines) {
    await handle.appendFile(line);
    await handle.datasync();
  }
  await handle.close();
}

async function throughGate(sync) {
  const path = freshLog();
  const log = await JsonlDecisionLog.open(path, { sync });
  const gate = await createGate({ policies: [plan], store: log });
  await inParallel(PROPOSALS, (i) => gate.propose({ policy: 'support-refunds', facts: facts[i], proposer: { id: 'bench-agent' } }));
  await gate.close();
  return path;
}

const sample = await throughGate('group');
const lines = readFileSync(sample, 'utf8').split(/(?<=\n)/);

const results = { evaluate: [], plain: [], gateGroup: [], gateEach: [] };
for (let round = 0; round < ROUNDS; round++) {
  results.evaluate.push(await timeIt(bareEvaluate));
  results.plain.push(await timeIt(() => plainAppend(lines)));
  results.gateGroup.push(await timeIt(() => throughGate('group')));
  results.gateEach.push(await timeIt(() => throughGate('each')));
}
rmSync(workDir, { recursive: true, force: true });

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const perSecond = (key) => PROPOSALS / median(results[key]);
const rate = { evaluate: perSecond('evaluate'), plain: perSecond('plain'), gateGroup: perSecond('gateGroup'), gateEach: perSecond('gateEach') };
const ratio = rate.gateGroup / rate.plain;
const fmt = (n) => Math.round(n).toLocaleString('en-US');

console.log(`@oversight/gate: ${PROPOSALS.toLocaleString('en-US')} support-refunds proposals, ${CONCURRENCY} in flight, median of ${ROUNDS} rounds, ${os.cpus().length} CPUs, Node ${process.version}`);
console.log(`  bare evaluate                          ${fmt(rate.evaluate).padStart(10)} /s`);
console.log(`  plain append + fdatasync, line by line ${fmt(rate.plain).padStart(10)} /s   (the baseline)`);
console.log(`  gate, JSONL log, group commit          ${fmt(rate.gateGroup).padStart(10)} /s   ${ratio.toFixed(2)}x the baseline (target ≥ ${TARGET})`);
console.log(`  gate, JSONL log, fdatasync each append ${fmt(rate.gateEach).padStart(10)} /s   ${(rate.gateEach / rate.plain).toFixed(2)}x the baseline`);
console.log(`  ${ratio >= TARGET ? 'meets' : 'MISSES'} the target: the gate with group commit at ${ratio.toFixed(2)}x a plain append + fsync of the same bytes`);

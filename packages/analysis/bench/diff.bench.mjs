// Benchmarks `oversight diff` on two generated policies of 200 rules each
// (target: under 2 s in process, issue 20): rules over amount intervals, an
// enum, confidence against a threshold, an integer count and the irreversible
// gate, with some rules auto and exempt; the candidate moves a fifth of the
// bounds, reroutes a few rules and lowers the threshold. Reported beside a
// baseline measured in the same run: compiling the two policies (ajv and the
// generated kernel), which every command that reads a policy pays.
// Runs the built packages (dist), never the TypeScript source.
//
//   pnpm --filter @oversight/analysis... build && node bench/diff.bench.mjs
import os from 'node:os';
import { compilePolicy, loadPolicy } from '@oversight/core';
import { diffPolicies } from '../dist/index.js';

const RULE_COUNT = 200;
const ROUNDS = 5;
const TARGET_MS = 2_000;
const KINDS = ['refund', 'credit', 'voucher', 'exchange'];
const ROUTES = ['auto', 'review_after', 'approve_before', 'escalate', 'deny'];

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const time = (work) => {
  const start = process.hrtime.bigint();
  const result = work();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, result };
};

function generatedPolicy(edited) {
  const rules = Array.from({ length: RULE_COUNT }, (_, i) => {
    const moved = edited && i % 5 === 0 ? 25 : 0;
    const low = ((i * 37) % 9_000) + moved;
    const route = ROUTES[(i + (edited && i % 17 === 0 ? 1 : 0)) % ROUTES.length];
    const exempt = route === 'auto' && i % 3 === 0 ? '      exempt: [irreversible]\n      justification: reversible by the ledger\n' : '';
    const reviewer = route === 'auto' || route === 'deny' ? '' : '      reviewer: lead\n';
    return (
      `    - id: rule-${i}\n      when:\n        all:\n` +
      `          - { fact: amount, operator: greaterThan, value: ${low} }\n` +
      `          - { fact: amount, operator: lessThanInclusive, value: ${low + 400} }\n` +
      `          - { fact: kind, operator: equal, value: ${KINDS[i % KINDS.length]} }\n` +
      (i % 2 === 0 ? `          - { fact: confidence, operator: greaterThanInclusive, value: { threshold: minConfidence } }\n` : `          - { fact: recentClaims, operator: lessThan, value: ${(i % 4) + 1} }\n`) +
      `      route: ${route}\n${reviewer}${exempt}`
    );
  });
  return `apiVersion: oversight/v1
kind: RoutingPolicy
metadata: { name: generated, version: 1, owner: bench }
spec:
  strategy: most-restrictive
  default: approve_before
  onError: escalate
  reviewer: lead
  facts:
    amount: { type: number, minimum: 0, maximum: 10000 }
    kind: { type: string, enum: [${KINDS.join(', ')}] }
    confidence: { type: number, minimum: 0, maximum: 1 }
    recentClaims: { type: integer, minimum: 0 }
    irreversible: { type: boolean }
  thresholds:
    minConfidence: { value: ${edited ? 0.85 : 0.9}, min: 0, max: 1 }
  reviewers:
    lead: { sla: 4h }
  rules:
${rules.join('')}`;
}

function load(text) {
  const loaded = loadPolicy(text, 'generated.yaml');
  if (!loaded.ok) throw new Error(`the generated policy does not load: ${JSON.stringify(loaded.diagnostics.slice(0, 2))}`);
  return loaded.policy;
}

const [baseline, candidate] = [load(generatedPolicy(false)), load(generatedPolicy(true))];
const compiles = [];
const diffs = [];
let diff;
for (let round = 0; round < ROUNDS; round++) {
  const compiled = time(() => [compilePolicy(structuredClone(baseline)), compilePolicy(structuredClone(candidate))]);
  compiles.push(compiled.ms);
  const measured = time(() => diffPolicies(compiled.result[0], compiled.result[1]));
  diffs.push(measured.ms);
  diff = measured.result;
}
const [compileMs, diffMs] = [median(compiles), median(diffs)];
console.log(`oversight diff, two policies of ${RULE_COUNT} rules, ${os.cpus().length} cores, median of ${ROUNDS}\n`);
console.log('| run | time |\n|---|---:|');
console.log(`| compile both policies (baseline) | ${compileMs.toFixed(1)} ms |`);
console.log(`| diffPolicies | ${diffMs.toFixed(1)} ms |`);
console.log(`\n${diff.changed.length} changed regions, ${diff.unknown.length} not decided`);
console.log(`diff / compile: ${(diffMs / compileMs).toFixed(2)}x; target under ${TARGET_MS} ms: ${diffMs < TARGET_MS ? 'met' : 'MISSED'}`);
if (diffMs >= TARGET_MS) process.exitCode = 1;

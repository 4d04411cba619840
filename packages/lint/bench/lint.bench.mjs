// Benchmarks the linter: (1) one generated policy of 1,000 rules, linted in
// process (target: under 2 s); (2) `oversight lint` over 200 generated files,
// timed end to end as CI runs it, next to Spectral on the same files with a
// trivial ruleset when Spectral is installed at /tmp/spectral (never a
// dependency: `npm install --prefix /tmp/spectral @stoplight/spectral-cli`).
// Runs the built packages (dist), never the TypeScript source.
//
//   pnpm --filter @oversight/lint... build && node bench/lint.bench.mjs
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lintPolicy } from '../dist/index.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CLI = join(ROOT, 'packages/cli/dist/bin.js');
const SPECTRAL = '/tmp/spectral/node_modules/.bin/spectral';
const RULE_COUNT = 1_000;
const FILE_COUNT = 200;
const ROUNDS = 5;
const TARGET_MS = 2_000;
const NOW = new Date('2026-10-03T12:00:00Z');

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const time = (work) => {
  const start = process.hrtime.bigint();
  work();
  return Number(process.hrtime.bigint() - start) / 1e6;
};

/** A policy of `count` rules over intervals and enums, the shapes the logic rules analyse. */
function generatedPolicy(count, strategy) {
  const kinds = ['refund', 'credit', 'voucher', 'exchange'];
  const rules = Array.from({ length: count }, (_, i) => {
    const low = (i * 37) % 9_000;
    const kind = kinds[i % kinds.length];
    const route = ['review_after', 'approve_before', 'escalate', 'deny'][i % 4];
    const reviewer = route === 'deny' ? '' : '      reviewer: lead\n';
    return (
      `    - id: rule-${i}\n      when:\n        all:\n` +
      `          - { fact: amount, operator: greaterThan, value: ${low} }\n` +
      `          - { fact: amount, operator: lessThanInclusive, value: ${low + 500} }\n` +
      `          - { fact: kind, operator: equal, value: ${kind} }\n` +
      `          - { fact: confidence, operator: lessThan, value: { threshold: minConfidence } }\n` +
      `      route: ${route}\n${reviewer}`
    );
  });
  return `apiVersion: oversight/v1
kind: RoutingPolicy
metadata:
  name: generated
  version: 1
  owner: bench
spec:
  strategy: ${strategy}
  facts:
    amount: { type: number, minimum: 0, maximum: 10000 }
    kind: { type: string, enum: [${kinds.join(', ')}] }
    confidence: { type: number, minimum: 0, maximum: 1 }
    irreversible: { type: boolean }
  thresholds:
    minConfidence: { value: 0.9, min: 0.5, max: 1 }
  reviewers:
    lead: { sla: 4h }
  packet:
    context: [kind, confidence]
    impact: [amount, irreversible]
  rules:
${rules.join('')}`;
}

console.log(`oversight lint benchmarks: node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown cpu'})\n`);

for (const strategy of ['most-restrictive', 'first-match']) {
  const text = generatedPolicy(RULE_COUNT, strategy);
  lintPolicy(text, 'generated.yaml', { now: NOW });
  const samples = Array.from({ length: ROUNDS }, () => time(() => lintPolicy(text, 'generated.yaml', { now: NOW })));
  const ms = median(samples);
  const verdict = ms < TARGET_MS ? 'ok' : 'OVER TARGET';
  console.log(`1,000-rule policy (${strategy}): median ${ms.toFixed(0)} ms over ${ROUNDS} runs (target < ${TARGET_MS} ms: ${verdict})`);
}

if (!existsSync(CLI)) {
  console.log(`\n${CLI} is not built: run pnpm --filter @oversight/cli build for the 200-file run`);
  process.exit(0);
}

// 200 files: copies of the shipped policies under new names, so each is a realistic size.
const dir = mkdtempSync(join(os.tmpdir(), 'oversight-lint-bench-'));
const sources = ['support-refunds', 'sales-outreach', 'back-office-forms', 'internal-reporting'].map((name) => [name, readFileSync(join(ROOT, 'policies', `${name}.yaml`), 'utf8')]);
mkdirSync(join(dir, 'policies'));
for (let i = 0; i < FILE_COUNT; i += 1) {
  const [name, text] = sources[i % sources.length];
  // A different bound in every file, so no two files share every fact schema (the loader caches verdicts by content).
  const varied = text.replace(`name: ${name}`, `name: ${name}-${i}`).replace(/maximum: (\d+)/, (_, max) => `maximum: ${Number(max) + i}`);
  writeFileSync(join(dir, 'policies', `${name}-${i}.yaml`), varied);
}
writeFileSync(join(dir, '.spectral.yaml'), 'rules:\n  has-api-version:\n    given: "$"\n    then:\n      field: apiVersion\n      function: truthy\n');

const endToEnd = (command, args) => {
  execFileSync(command, args, { cwd: dir, stdio: 'ignore' });
  return median(Array.from({ length: ROUNDS }, () => time(() => execFileSync(command, args, { cwd: dir, stdio: 'ignore' }))));
};
const oversightMs = endToEnd(process.execPath, [CLI, 'lint', '--now', '2026-10-03', 'policies/**/*.yaml']);
console.log(`\noversight lint, ${FILE_COUNT} files, end to end: median ${oversightMs.toFixed(0)} ms over ${ROUNDS} runs`);
if (existsSync(SPECTRAL)) {
  let spectralMs;
  try {
    spectralMs = endToEnd(SPECTRAL, ['lint', '--ruleset', '.spectral.yaml', '--quiet', 'policies/*.yaml']);
  } catch (error) {
    // Spectral exits 1 when it reports; it reports nothing here, so any failure is real.
    console.log(`spectral lint failed: ${error.message.split('\n')[0]}`);
  }
  if (spectralMs !== undefined) {
    console.log(`spectral lint (one trivial rule), ${FILE_COUNT} files, end to end: median ${spectralMs.toFixed(0)} ms over ${ROUNDS} runs`);
    console.log(`oversight lint takes ${((oversightMs / spectralMs) * 100).toFixed(0)}% of Spectral's time`);
  }
} else {
  console.log(`spectral not installed at ${SPECTRAL}: skipped the side-by-side run`);
}
rmSync(dir, { recursive: true, force: true });

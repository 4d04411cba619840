// `pnpm demo`: the README's main job on the shipped example. Lints the shipped
// policies, evaluates the sample refunds, then replays the sample history
// against a pull request that raises autoRefundMax, with the budgets a CI job
// sets. That change breaches the escape budget, which is what the demo shows:
// the simulation exits 1 as CI would, and the demo exits 0 only when every
// step did what it is meant to (any other exit code is a failure).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const BIN = fileURLToPath(new URL('../dist/bin.js', import.meta.url));

const steps = [
  { args: ['lint'], expect: 0 },
  { args: ['eval', 'policies/support-refunds.yaml', 'policies/samples/support-refunds.actions.jsonl', '--format', 'pretty'], expect: 0 },
  {
    args: [
      'simulate', '--baseline', 'policies/support-refunds.yaml', '--threshold', 'autoRefundMax=100',
      '--history', 'policies/history/support-refunds.history.jsonl',
      '--max-escapes', '0.5%', '--max-review-increase', '0', '--min-fidelity', '99',
    ],
    expect: 1,
    why: 'the change breaches the escape budget (--max-escapes 0.5%): this pull request would fail CI, as it should',
  },
];

for (const step of steps) {
  const result = spawnSync(process.execPath, [BIN, ...step.args], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== step.expect) {
    console.error(`\npnpm demo: 'oversight ${step.args.join(' ')}' exited ${result.status ?? result.signal}, expected ${step.expect}`);
    process.exit(1);
  }
  if (step.why) console.log(`\n(oversight ${step.args[0]} exited ${step.expect}: ${step.why}.)`);
}

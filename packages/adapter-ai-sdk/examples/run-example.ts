// pnpm example: runs the refund desk (examples/refund-desk.ts) with a decision
// log in a temporary folder, prints each decision and where the log is.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runRefundDesk } from './refund-desk.js';

const logPath = join(mkdtempSync(join(tmpdir(), 'oversight-ai-sdk-')), 'decisions.jsonl');
console.log('A support agent on the AI SDK, its refund tool routed by policies/support-refunds.yaml');
console.log(`decision log: ${logPath}`);

const run = await runRefundDesk(logPath, (line) => console.log(line));

console.log('\nDecisions:');
for (const outcome of run.outcomes) {
  const result = outcome.paid !== undefined ? `ran, paid ${outcome.paid} USD` : `did not run: ${outcome.refused ?? 'no answer'}`;
  console.log(`  ${outcome.toolCallId}  ${outcome.orderId}  ${outcome.route.padEnd(26)} ${result}`);
}
console.log(`\nThe decision log is ${run.logPath}`);
console.log(`Check it: npx oversight log verify ${run.logPath}`);

// Run by crash.test.ts as a child process: proposes up to 10,000 refunds through
// a gate on a JSON Lines log, 32 at a time, and prints each id once the gate has
// acknowledged it (after fdatasync, or with a third argument, syncEveryMs, once
// written). The test kills it with SIGKILL midway.
import { createGate, JsonlDecisionLog } from '../../src/index.js';
import { AGENT, policy, refund, SUPPORT_REFUNDS } from '../fixtures.js';

const path = process.argv[2]!;
const log = await JsonlDecisionLog.open(path, process.argv[3] === undefined ? {} : { syncEveryMs: Number(process.argv[3]) });
const gate = await createGate({ policies: [policy(SUPPORT_REFUNDS)], store: log });
let next = 0;
async function worker(): Promise<void> {
  while (next < 10_000) {
    const amount = 20 + (next++ % 900);
    const view = await gate.propose({ policy: 'support-refunds', facts: refund(amount), proposer: AGENT });
    process.stdout.write(`${view.proposal.id}\n`);
  }
}
await Promise.all(Array.from({ length: 32 }, worker));
await gate.close();

// Runs the refund desk example (no API key needed) and prints what was decided
// and where the decision log is: `pnpm example`.
import { runRefundDesk } from './refund-desk.js';

const report = await runRefundDesk();

console.log('Decisions (support-refunds policy, through the gate):');
for (const proposal of report.proposals) {
  const facts = proposal.facts as { orderId?: string; amount?: number };
  const who = proposal.outcome?.reviewerId ? ` by ${proposal.outcome.reviewerId}` : '';
  const why = proposal.outcome?.reason ? ` (${proposal.outcome.reason})` : '';
  const edited = proposal.outcome?.editedFacts as { amount?: number } | undefined;
  const status = edited ? `edited to ${String(edited.amount)} USD, ${proposal.status === 'approved' ? 'approved as edited' : `${proposal.status} to ${proposal.reroutedTo?.slice(0, 8) ?? '?'}`}` : proposal.status;
  const linked = proposal.linkedTo ? ` [the edit of ${proposal.linkedTo.slice(0, 8)}]` : '';
  console.log(`  ${proposal.id.slice(0, 8)}  ${String(facts.orderId)}  ${String(facts.amount).padStart(4)} USD  ${proposal.route.padEnd(14)} → ${status}${who}${why}${linked}`);
}
console.log('\nAnswers to interruptions:');
for (const answer of report.answers) console.log(`  ${answer.callId.padEnd(15)} ${answer.decision.padEnd(7)} by ${answer.by} → ${answer.status}`);
console.log('\nRefunds executed:');
for (const refund of report.executed) console.log(`  ${refund.orderId}  ${refund.amount} USD`);
console.log(`\nWhat the model was told:\n${(report.finalOutput ?? '').replace(/^/gm, '  ')}`);
console.log(`\nDecision log: ${report.logPath}`);
console.log(`Check it with: oversight log verify ${report.logPath}`);

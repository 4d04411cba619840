// For random sequences of propose, answer, clock, expiry and restart: the state
// a gate rebuilds from its log equals the live state, and no action is ever
// runnable without the approvals its route requires, from people who may give them.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createGate, GateError, type AnswerDecision, type Gate, type Proposal, type Reviewer } from '../src/index.js';
import { AGENT, FakeClock, newStore, policy, refund, sequentialIds, SUPPORT_REFUNDS } from './fixtures.js';

const POLICIES = [
  policy(SUPPORT_REFUNDS, ['      reviewer: support-manager\n', '      reviewer: support-manager\n      approvals: 2\n']),
  policy(SUPPORT_REFUNDS, ['  onTimeout: escalate ', '  onTimeout: reject '], ['  reviewer: support-lead     # owns', '  approvals: { escalate: 2 }\n  reviewer: support-lead     # owns']),
];

const PEOPLE: Reviewer[] = [
  { id: 'ana', role: 'support-lead' },
  { id: 'bo', role: 'support-lead' },
  { id: 'chen', role: 'support-manager' },
  { id: 'dara', role: 'support-manager' },
  { id: 'fay', role: 'fraud-analyst' },
  { id: 'gus', role: 'finance-controller' },
  { id: 'hal', role: 'finance-controller' },
];

type Command =
  | { kind: 'propose'; amount: number; recentClaims: number; confidence: number; proposer: string }
  | { kind: 'answer'; target: number; decision: AnswerDecision; person: number; reason: boolean; editedAmount: number }
  | { kind: 'advance'; minutes: number }
  | { kind: 'expire' }
  | { kind: 'claim'; target: number }
  | { kind: 'restart' };

const command: fc.Arbitrary<Command> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('propose' as const), amount: fc.constantFrom(20, 45, 120, 480, 700, 3000), recentClaims: fc.constantFrom(0, 1, 5), confidence: fc.constantFrom(0.95, 0.6), proposer: fc.constantFrom(AGENT.id, 'ana', 'chen') }) },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('answer' as const), target: fc.nat(40), decision: fc.constantFrom<AnswerDecision>('approve', 'approve', 'reject', 'edit', 'escalate'), person: fc.nat(PEOPLE.length - 1), reason: fc.boolean(), editedAmount: fc.constantFrom(30, 90, 600, 2600) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('advance' as const), minutes: fc.constantFrom(30, 150, 300, 1500) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'expire' as const }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('claim' as const), target: fc.nat(40) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'restart' as const }) },
);

/** What must hold of every proposal the gate would let run. */
function checkRunnable(gate: Gate, proposal: Proposal): void {
  const view = gate.get(proposal.id)!;
  if (view.runFacts === undefined) return;
  expect(gate.authorize(proposal.id, view.runFacts)).toMatchObject(proposal.executedAt === undefined ? { ok: true } : { ok: false, code: 'already-executed' });
  expect(proposal.route).not.toBe('deny');
  if (proposal.route === 'auto' || proposal.route === 'review_after') return;
  expect(proposal.status).toBe('approved');
  const approvers = proposal.outcome?.approvers ?? [{ id: proposal.outcome!.reviewerId!, role: proposal.outcome!.reviewer! }];
  expect(new Set(approvers.map((person) => person.id)).size).toBe(approvers.length);
  expect(approvers.length).toBeGreaterThanOrEqual(proposal.approvalsRequired);
  for (const person of approvers) {
    expect(person.id).not.toBe(proposal.proposer?.id);
    expect(person.id).not.toBe(proposal.editedBy);
  }
}

async function replay(policyIndex: number, commands: Command[]): Promise<void> {
  const store = newStore();
  const clock = new FakeClock();
  const ids = sequentialIds();
  const open = () => createGate({ policies: [POLICIES[policyIndex]!], store, clock: clock.now, newId: ids });
  let gate = await open();
  const known: string[] = [];
  for (const step of commands) {
    try {
      switch (step.kind) {
        case 'propose': {
          const view = await gate.propose({ policy: 'support-refunds', facts: refund(step.amount, { recentClaims: step.recentClaims, confidence: step.confidence }), proposer: { id: step.proposer } });
          known.push(view.proposal.id);
          break;
        }
        case 'answer': {
          const id = known[step.target % Math.max(1, known.length)];
          if (id === undefined) break;
          const result = await gate.answer(id, {
            decision: step.decision,
            reviewer: PEOPLE[step.person]!,
            ...(step.reason && { reason: 'checked the order' }),
            ...(step.decision === 'edit' && { editedFacts: refund(step.editedAmount) }),
          });
          if (result.rerouted) known.push(result.rerouted.proposal.id);
          break;
        }
        case 'advance':
          clock.advance(`${step.minutes}m`);
          break;
        case 'expire':
          await gate.expireDue();
          break;
        case 'claim': {
          const id = known[step.target % Math.max(1, known.length)];
          const runFacts = id === undefined ? undefined : gate.get(id)?.runFacts;
          if (id !== undefined && runFacts !== undefined) await gate.claim(id, runFacts);
          break;
        }
        case 'restart': {
          const rebuilt = await open();
          await expectSameProposals(rebuilt, gate);
          gate = rebuilt;
        }
      }
    } catch (error) {
      if (!(error instanceof GateError)) throw error;
    }
    for (const proposal of gate.proposals()) checkRunnable(gate, proposal);
  }
  await expectSameProposals(await open(), gate);
  // Each decision ran at most once, and only one that was allowed to run.
  const executed = store.lines.map((line) => JSON.parse(line) as { event?: string; decisionId: string }).filter((entry) => entry.event === 'executed');
  expect(new Set(executed.map((entry) => entry.decisionId)).size).toBe(executed.length);
}

/** A gate opened afresh on the store holds every decision as the running gate does (read from the store, for a shared one). */
async function expectSameProposals(rebuilt: Gate, gate: Gate): Promise<void> {
  const held = [...gate.proposals()];
  const read = await Promise.all(held.map(async (proposal) => (await rebuilt.load(proposal.id))?.proposal));
  expect(read).toEqual(held);
}

describe('the gate under random sequences of proposals, answers, time and restarts', () => {
  it('rebuilds from its log exactly the state it holds, and never lets an action run without the approvals its route requires', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(POLICIES.length - 1), fc.array(command, { minLength: 1, maxLength: 60 }), replay),
      { numRuns: 1_000 },
    );
  });
});

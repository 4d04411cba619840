// A run interrupted in one process and resumed in another: the RunState is
// serialized, the gate is rebuilt from its JSONL log, and the adapter finds the
// call's proposal there by its decisionKey instead of proposing it again.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run, RunState } from '@openai/agents';
import { JsonlDecisionLog } from '@oversight/gate';
import { describe, expect, it } from 'vitest';
import { answerInterruption } from '../src/index.js';
import { agentWith, LEAD, MANAGER, newGate, refund, refundTool, SUPPORT_REFUNDS } from './support.js';
import { oversight } from './oversight-command.js';

async function process1(logPath: string): Promise<{ serialized: string; id: string }> {
  const gate = await newGate([SUPPORT_REFUNDS], await JsonlDecisionLog.open(logPath));
  const { tool: issueRefund, executed } = refundTool(gate);
  const { agent } = agentWith([issueRefund], [{ toolCalls: [{ name: 'issueRefund', arguments: refund(120), callId: 'call_restart_1' }] }]);
  const first = await run(agent, 'Refund it.');
  expect(first.interruptions).toHaveLength(1);
  expect(executed).toEqual([]);
  const id = [...gate.proposals()][0]!.id;
  await gate.close();
  return { serialized: first.state.toString(), id };
}

describe('a run resumed by another process', () => {
  it('answers the waiting proposal from the log and runs the edit once approved', async () => {
    const logPath = join(mkdtempSync(join(tmpdir(), 'openai-agents-restart-')), 'decisions.jsonl');
    const { serialized, id } = await process1(logPath);

    // Process 2: a new gate over the same log, a new tool and agent, the run state read back.
    const gate = await newGate([SUPPORT_REFUNDS], await JsonlDecisionLog.open(logPath), 'p2');
    const { tool: issueRefund, executed } = refundTool(gate);
    const { agent } = agentWith([issueRefund], [{ message: 'Done.' }]);
    const state = await RunState.fromString(agent, serialized);
    const [interruption] = state.getInterruptions();

    const edited = await answerInterruption(state, interruption!, { decision: 'edit', reviewer: LEAD, reason: 'more was broken', editedArguments: refund(600) });
    expect(edited.status).toBe('rerouted');
    expect(edited.current.proposal.linkedTo).toBe(id);
    const approved = await answerInterruption(state, interruption!, { decision: 'approve', reviewer: MANAGER });
    expect(approved.status).toBe('approved');
    const resumed = await run(agent, state);

    expect(resumed.finalOutput).toBe('Done.');
    expect(executed).toEqual([refund(600)]);
    expect([...gate.proposals()].map((proposal) => proposal.status)).toEqual(['rerouted', 'approved']);
    await gate.close();
    expect((await oversight('log', 'verify', logPath)).exitCode).toBe(0);
  });

  it('runs an edit approved before the restart with the edited facts (default mapping: arguments are the facts)', async () => {
    const logPath = join(mkdtempSync(join(tmpdir(), 'openai-agents-restart-')), 'decisions.jsonl');
    const { serialized } = await process1(logPath);

    // Process 2 answers (edit approved as edited) and saves the state; process 3 resumes.
    let saved: string;
    {
      const gate = await newGate([SUPPORT_REFUNDS], await JsonlDecisionLog.open(logPath), 'p2');
      const { agent } = agentWith([refundTool(gate).tool], []);
      const state = await RunState.fromString(agent, serialized);
      const answered = await answerInterruption(state, state.getInterruptions()[0]!, { decision: 'edit', reviewer: LEAD, reason: 'lid only', editedArguments: refund(80) });
      expect(answered.status).toBe('edited');
      saved = state.toString();
      await gate.close();
    }
    const gate = await newGate([SUPPORT_REFUNDS], await JsonlDecisionLog.open(logPath), 'p3');
    const { tool: issueRefund, executed } = refundTool(gate);
    const { agent } = agentWith([issueRefund], [{ message: 'Done.' }]);
    const resumed = await run(agent, await RunState.fromString(agent, saved));

    expect(resumed.finalOutput).toBe('Done.');
    expect(executed).toEqual([refund(80)]);
    expect([...gate.proposals()]).toHaveLength(1);
    await gate.close();
  });
});

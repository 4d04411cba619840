import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createGate, factsHash, JsonlDecisionLog, lineHash, verifyLog } from '../src/index.js';
import { AGENT, FakeClock, LEAD, MANAGER, policy, refund, sequentialIds, SUPPORT_REFUNDS } from './fixtures.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const refunds = policy(SUPPORT_REFUNDS);

/** A log a gate wrote: an auto refund, an approval, an escalation then approval, a rejection, one still open. */
async function writtenLog(): Promise<string[]> {
  const path = join(mkdtempSync(join(tmpdir(), 'oversight-verify-')), 'decisions.jsonl');
  const log = await JsonlDecisionLog.open(path);
  const clock = new FakeClock();
  const gate = await createGate({ policies: [refunds], store: log, clock: clock.now, newId: sequentialIds() });
  await gate.propose({ policy: 'support-refunds', facts: refund(30), proposer: AGENT });
  await gate.propose({ policy: 'support-refunds', facts: refund(120), proposer: AGENT });
  await gate.propose({ policy: 'support-refunds', facts: refund(180), proposer: AGENT });
  await gate.propose({ policy: 'support-refunds', facts: refund(90), proposer: AGENT });
  await gate.propose({ policy: 'support-refunds', facts: refund(75), proposer: AGENT });
  clock.advance('10m');
  await gate.answer('d-0002', { decision: 'approve', reviewer: LEAD });
  await gate.answer('d-0003', { decision: 'escalate', reviewer: LEAD, reason: 'large for a first claim' });
  await gate.answer('d-0003', { decision: 'approve', reviewer: MANAGER });
  await gate.answer('d-0004', { decision: 'reject', reviewer: LEAD, reason: 'item was returned unopened' });
  await gate.close();
  return readFileSync(path, 'utf8').trimEnd().split('\n');
}

function rechain(lines: string[]): string[] {
  const out: string[] = [];
  for (const line of lines) {
    const value = JSON.parse(line) as Record<string, unknown>;
    value.prev = out.length === 0 ? null : lineHash(out.at(-1)!);
    out.push(JSON.stringify(value));
  }
  return out;
}

describe('verifyLog', () => {
  it('finds a log the gate wrote sound, and counts its records, events and open proposals', async () => {
    const lines = await writtenLog();
    const result = await verifyLog(lines);
    expect(result).toMatchObject({ sound: true, lines: 9, records: 4, events: 5, open: 1, chainStartsAt: 1, head: lineHash(lines.at(-1)!) });
  });

  it('finds a plain v1 history sound: no chain, no events', async () => {
    const history = readFileSync(new URL('../../../policies/history/support-refunds.history.jsonl', import.meta.url), 'utf8').trimEnd().split('\n');
    const result = await verifyLog(history);
    expect(result.problems).toEqual([]);
    expect(result).toMatchObject({ sound: true, events: 0, records: history.length });
    expect(result.chainStartsAt).toBeUndefined();
  });

  it('detects an edited line at the line after it', async () => {
    const lines = await writtenLog();
    lines[5] = lines[5]!.replace('"support-lead"', '"support-manager"');
    expect((await verifyLog(lines)).problems).toEqual([{ line: 7, message: 'prev does not match the line before it: a line was edited, removed or reordered at or before line 6' }]);
  });

  it('detects a removed line, reordered lines and lines removed from the start', async () => {
    const lines = await writtenLog();
    expect((await verifyLog([...lines.slice(0, 3), ...lines.slice(4)])).problems.map((p) => p.line)).toEqual([4]);
    expect((await verifyLog([lines[0]!, lines[2]!, lines[1]!, ...lines.slice(3)])).sound).toBe(false);
    expect((await verifyLog(lines.slice(2))).problems[0]?.message).toContain('lines were removed from the start');
  });

  it('detects an answer before its proposal and a decision settled twice, even when the chain was rewritten to match', async () => {
    const lines = await writtenLog();
    const approval = lines.findIndex((line) => line.includes('"decision":"approved"'));
    const proposal = lines.findIndex((line) => line.includes('"decisionId":"d-0002"'));
    const moved = rechain([...lines.slice(0, proposal), lines[approval]!, ...lines.slice(proposal, approval), ...lines.slice(approval + 1)]);
    const problems = (await verifyLog(moved)).problems.map((problem) => problem.message);
    expect(problems).toContain('decision d-0002: proposed twice');
    const twice = rechain([...lines, lines[approval]!]);
    expect((await verifyLog(twice)).problems.map((problem) => problem.message)).toEqual(['decision d-0002: settled twice (already approved)']);
  });

  it('detects facts changed after they were decided, even with the chain rewritten', async () => {
    const lines = await writtenLog();
    const approval = lines.findIndex((line) => line.includes('"decision":"approved"'));
    const forged = rechain(lines.map((line, index) => (index === approval ? line.replace('"amount":120', '"amount":1200') : line)));
    expect((await verifyLog(forged)).problems).toEqual([{ line: approval + 1, message: 'decision d-0002: factsHash does not match its facts: the facts were changed after they were decided' }]);
  });

  it('detects a run recorded for a decision that could not run, and a second run', async () => {
    const lines = await writtenLog();
    const executed = (id: string, facts: Record<string, unknown>) => JSON.stringify({ event: 'executed', decisionId: id, at: '2026-12-02T10:00:00.000Z', factsHash: factsHash(facts) });
    // d-0004 was rejected; d-0002 was approved for 120.
    const forged = rechain([...lines, executed('d-0004', refund(90)), executed('d-0002', refund(120)), executed('d-0002', refund(120))]);
    expect((await verifyLog(forged)).problems.map((problem) => problem.message)).toEqual([
      'decision d-0004: executed while it was rejected, which does not run',
      expect.stringMatching(/^decision d-0002: executed twice/) as unknown,
    ]);
  });

  it('names a line that is not JSON or not a record or event, and goes on', async () => {
    const lines = await writtenLog();
    const result = await verifyLog(['{"decisionId":"x"}', 'nope', '{"event":"approval","decisionId":"d-9","at":"2026-12-02T09:00:00Z"}']);
    expect(result.problems.map((problem) => [problem.line, problem.message.split(':')[0]])).toEqual([
      [1, 'not a history record'],
      [2, expect.any(String) as unknown],
      [3, 'not a log event'],
    ]);
    expect(lines.length).toBeGreaterThan(0);
  });
});

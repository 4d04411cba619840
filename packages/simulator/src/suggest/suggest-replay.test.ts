import { thresholdValuesFor } from '@oversight/core';
import { describe, expect, it } from 'vitest';
import { lines, loadRefunds, recordOf, refund, source } from '../../test/history-fixtures.js';
import { replayHistory } from '../history/replay-history.js';
import { simulate } from '../simulate.js';
import { replayForSuggestions } from './suggest-replay.js';

const plan = loadRefunds();

describe('replayForSuggestions', () => {
  const approved = { decision: 'approved' as const, reviewer: 'support-lead', turnaroundSeconds: 600 };
  const first = recordOf(plan, refund(80));
  const records = [
    recordOf(plan, refund(40)),
    { ...first, outcome: approved },
    // Store credit can be clawed back: automating it releases nothing irreversible.
    { ...recordOf(plan, refund(90, 0.95, { actionType: 'store_credit', irreversible: false })), outcome: approved },
    recordOf(plan, refund(150)),
    // A repeated decision counts once; another policy's record and an unreadable line not at all.
    JSON.stringify({ ...first, facts: refund(1) }),
    JSON.stringify({ ...recordOf(plan, refund(60)), policy: { name: 'other', version: 1, hash: 'sha256:0' } }),
    '{"not": "a record"}',
  ];
  const variants = [{ plan }, ...[100, 200].map((autoRefundMax) => ({ plan, thresholds: thresholdValuesFor(plan, { autoRefundMax }) }))];

  it("keeps the replay's state exactly as replayHistory does, and counts route changes as simulate does", async () => {
    const text = lines(records);
    const { state, tallies } = await replayForSuggestions(source(text), variants);
    expect(state).toEqual(await replayHistory(source(text), variants));
    const report = await simulate(source(text), {
      baseline: { label: 'as written', plan },
      candidates: [100, 200].map((autoRefundMax) => ({ label: String(autoRefundMax), plan, thresholds: { autoRefundMax } })),
    });
    expect(tallies.map((tally) => tally.changed)).toEqual([0, ...report.comparisons.map((comparison) => comparison.routeChanges.changed)]);
  });

  it('counts irreversible records released from approval, with their lines, and the labels of changed records', async () => {
    const { tallies } = await replayForSuggestions(source(lines(records), 'h.jsonl'), variants);
    expect(tallies[0]).toEqual({ changed: 0, changedLabelled: 0, irreversibleReleased: 0, irreversibleExamples: [] });
    // At 100: the refund of 80 (irreversible, approved) and the store credit of 90 (not irreversible) run alone.
    expect(tallies[1]).toEqual({
      changed: 2,
      changedLabelled: 2,
      irreversibleReleased: 1,
      irreversibleExamples: [{ source: 'h.jsonl', line: 2, decisionId: first.decisionId, baselineRoute: 'approve_before', candidateRoute: 'auto' }],
    });
    // At 200 the refund of 150 too, which nobody labelled.
    expect(tallies[2]).toMatchObject({ changed: 3, changedLabelled: 2, irreversibleReleased: 2 });
  });
});

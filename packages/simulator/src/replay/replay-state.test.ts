import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { thresholdValuesFor } from '@oversight/core';
import { loadRefunds, recordOf, refund } from '../../test/history-fixtures.js';
import { Replay } from './replay.js';
import { mergeReplayState, newReplayState, shiftLines } from './replay-state.js';

const plan = loadRefunds();
const variants = [{ plan }, { plan, thresholds: thresholdValuesFor(plan, { autoRefundMax: 150 }) }];
const OUTCOMES = ['approved', 'rejected', 'edited', 'expired', undefined] as const;

const recordText = fc
  .record({ amount: fc.integer({ min: 1, max: 3000 }), confidence: fc.double({ min: 0.5, max: 1, noNaN: true }), outcome: fc.constantFrom(...OUTCOMES), seconds: fc.option(fc.integer({ min: 1, max: 90_000 })) })
  .map(({ amount, confidence, outcome, seconds }) =>
    JSON.stringify(
      recordOf(plan, refund(amount, confidence), outcome === undefined ? {} : { outcome: { decision: outcome, reviewer: 'support-lead', ...(seconds === null ? {} : { turnaroundSeconds: seconds }) } }),
    ),
  );
const historyLine = fc.oneof({ weight: 9, arbitrary: recordText }, { weight: 1, arbitrary: fc.constantFrom('{"truncated":', '[]', '') });

function replay(texts: readonly string[], first = 1, examples = 3) {
  const run = new Replay(variants, { examples });
  run.startSource('h.jsonl');
  texts.forEach((text, i) => run.addLine(text, first + i));
  return run.state;
}

describe('merging replay states', () => {
  it('gives exactly the state of one pass, whatever ranges the history was cut into (what --jobs relies on)', () => {
    fc.assert(
      fc.property(fc.array(historyLine, { minLength: 1, maxLength: 40 }), fc.array(fc.nat(40), { maxLength: 4 }), (texts, cuts) => {
        const bounds = [0, ...cuts.map((cut) => cut % (texts.length + 1)).sort((a, b) => a - b), texts.length];
        const merged = newReplayState(variants.map(({ plan: p }) => p.rules.length));
        // Ranges merged last first: the result must not depend on the order workers finish in.
        for (let i = bounds.length - 2; i >= 0; i--) {
          const part = replay(texts.slice(bounds[i], bounds[i + 1]), 1);
          shiftLines(part, bounds[i]!);
          mergeReplayState(merged, part, 3);
        }
        expect(JSON.parse(JSON.stringify(merged))).toEqual(JSON.parse(JSON.stringify(replay(texts))));
      }),
      { numRuns: 200 },
    );
  });
});

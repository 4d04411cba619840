import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { thresholdValuesFor } from '@oversight/core';
import { loadRefunds, recordOf, refund } from '../../test/history-fixtures.js';
import { DecisionIndex } from './decision-index.js';
import { Replay } from './replay.js';
import { mergeReplayState, newReplayState, shiftLines, type ReplayState } from './replay-state.js';

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
// Records whose ids come from a pool of ten, so that some repeat, near each other or far apart.
const repeatingLine = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(recordText, fc.nat(9)).map(([text, id]) => text.replace(/"decisionId":"[^"]*"/, `"decisionId":"d-${id}"`)) },
  { weight: 1, arbitrary: historyLine },
);
const cutsOf = (texts: readonly string[], cuts: readonly number[]) => [0, ...cuts.map((cut) => cut % (texts.length + 1)).sort((a, b) => a - b), texts.length];

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
        const bounds = cutsOf(texts, cuts);
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

  it('gives exactly the state of one pass over two files that repeat decisionIds, once DecisionIndex claims the ranges in order and those repeating an earlier range are replayed again', () => {
    const files = fc.tuple(fc.array(repeatingLine, { minLength: 1, maxLength: 30 }), fc.array(repeatingLine, { maxLength: 30 }));
    const cuts = fc.array(fc.nat(30), { maxLength: 4 });
    fc.assert(
      fc.property(files, cuts, cuts, (texts, cutsA, cutsB) => {
        const sources = [
          { name: 'a.jsonl', texts: texts[0], bounds: cutsOf(texts[0], cutsA) },
          { name: 'b.jsonl', texts: texts[1], bounds: cutsOf(texts[1], cutsB) },
        ];
        const one = new Replay(variants, { examples: 3 });
        for (const { name, texts: lines } of sources) {
          one.startSource(name);
          lines.forEach((text, i) => one.addLine(text, i + 1));
        }
        const ranges = sources.flatMap(({ name, texts: lines, bounds }) => bounds.slice(1).map((end, i) => ({ name, lines: lines.slice(bounds[i], end), offset: bounds[i]! })));
        const replayRange = (range: (typeof ranges)[number], seen?: string[]) => {
          const run = new Replay(variants, { examples: 3, seen });
          run.startSource(range.name);
          range.lines.forEach((text, i) => run.addLine(text, i + 1));
          return run;
        };
        const index = new DecisionIndex();
        const states: ReplayState[] = ranges.map((range) => {
          const run = replayRange(range);
          const repeated = index.claim(range.name, run.decisionLines(), range.lines.length);
          return repeated.length === 0 ? run.state : replayRange(range, repeated).state;
        });
        const merged = newReplayState(variants.map(({ plan: p }) => p.rules.length));
        merged.sources.push('a.jsonl', 'b.jsonl');
        // Merged last first: the result must not depend on the order workers finish in.
        for (let i = ranges.length - 1; i >= 0; i--) {
          shiftLines(states[i]!, ranges[i]!.offset);
          mergeReplayState(merged, states[i]!, 3);
        }
        index.resolve(merged);
        expect(JSON.parse(JSON.stringify(merged))).toEqual(JSON.parse(JSON.stringify(one.state)));
      }),
      { numRuns: 1000 },
    );
  });
});

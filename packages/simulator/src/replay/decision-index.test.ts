import { describe, expect, it } from 'vitest';
import { loadRefunds, recordOf, refund } from '../../test/history-fixtures.js';
import { DecisionIndex } from './decision-index.js';
import { Replay } from './replay.js';
import { mergeReplayState, newReplayState, shiftLines } from './replay-state.js';

const plan = loadRefunds();
const line = (decisionId: string) => JSON.stringify(recordOf(plan, refund(20), { decisionId }));

// Replays ranges of one source apart, claims them in order, replays again those that repeat an earlier range, and merges.
function replayRanges(ranges: string[][]) {
  const index = new DecisionIndex();
  const merged = newReplayState([plan.rules.length]);
  const repeated: string[][] = [];
  let offset = 0;
  for (const ids of ranges) {
    const run = (seen?: string[]) => {
      const replay = new Replay([{ plan }], { examples: 5, seen });
      replay.startSource('h.jsonl');
      ids.forEach((id, i) => replay.addLine(line(id), i + 1));
      return replay;
    };
    const first = run();
    const again = index.claim('h.jsonl', first.decisionLines(), ids.length);
    repeated.push(again);
    const state = again.length === 0 ? first.state : run(again).state;
    shiftLines(state, offset);
    mergeReplayState(merged, state, 5);
    offset += ids.length;
  }
  index.resolve(merged);
  return { merged, repeated };
}

describe('DecisionIndex', () => {
  it('takes ranges whose ids come in order as they are, and still points a repeat within one at its first line', () => {
    const { merged, repeated } = replayRanges([
      ['a-1', 'a-2'],
      ['a-3', 'a-4', 'a-3'],
      ['a-5'],
    ]);
    expect(repeated).toEqual([[], [], []]);
    expect(merged.duplicates.examples).toEqual([{ source: 'h.jsonl', line: 5, decisionId: 'a-3', first: { source: 'h.jsonl', line: 3 } }]);
  });

  it('finds an id of an earlier range once the order breaks, and every first line after', () => {
    const { merged, repeated } = replayRanges([['a-1', 'a-2'], ['a-3'], ['a-0', 'a-2', 'a-4', 'a-4'], ['a-1', 'a-5']]);
    expect(repeated).toEqual([[], [], ['a-2'], ['a-1']]);
    expect(merged.duplicates.count).toBe(3);
    expect(merged.duplicates.examples.map(({ line, decisionId, first }) => [line, decisionId, first.line])).toEqual([
      [5, 'a-2', 2],
      [7, 'a-4', 6],
      [8, 'a-1', 1],
    ]);
    expect(merged.replayed).toBe(6);
  });
});

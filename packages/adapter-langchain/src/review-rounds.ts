// The rounds of review inside one afterModel step: every action that waits is
// put to a person in one interrupt (a HITLRequest); the answers go through the
// gate; an edit routed again, an escalation or a refused answer waits for the
// next round, until nothing waits.
//
// LangGraph resumes by running the node again from its start, handing each
// interrupt() the value it was resumed with, in order. So every round runs again
// on each resume: what a round did is remembered (per gate, by proposal and
// round), and, in a process that did not see it, read back from the gate's log
// (an answer to a settled decision takes the gate's record, never lands twice).
import { interrupt } from '@langchain/langgraph';
import type { Gate } from '@oversight/gate';
import { answerDecision, type AnswerContext } from './answer-decision.js';
import type { ReviewItem } from './review-item.js';
import { readResponse, reviewRequest } from './review-request.js';

/** What each round did, by `proposalId@round`; a bounded memory, the gate's log is the record. */
const memories = new WeakMap<Gate, Map<string, ReviewItem>>();
const MEMORY_LIMIT = 10_000;

function memoryOf(gate: Gate): Map<string, ReviewItem> {
  let memory = memories.get(gate);
  if (memory === undefined) {
    memory = new Map();
    memories.set(gate, memory);
  }
  return memory;
}

/** Runs rounds of review until no item waits; returns each item as it ends (may interrupt the graph). */
export async function reviewRounds(context: AnswerContext, start: readonly ReviewItem[]): Promise<ReviewItem[]> {
  const items = [...start];
  const memory = memoryOf(context.gate);
  const seen: string[] = [];
  for (let round = 0; ; round++) {
    const waiting = items.flatMap((item, index) => (item.waiting ? [index] : []));
    if (waiting.length === 0) break;
    // Throws a GraphInterrupt the first time; returns the resume value when the node runs again.
    // The request shows each decision as the gate holds it now (a deadline may have escalated it).
    const asked = waiting.map((index) => items[index]!).map((item) => ({ ...item, view: context.gate.get(item.view.proposal.id) ?? item.view }));
    const value: unknown = interrupt(reviewRequest(asked));
    const read = readResponse(value, waiting.length);
    for (const [position, index] of waiting.entries()) {
      const item = items[index]!;
      const key = `${item.view.proposal.id}@${round}`;
      seen.push(key);
      let next = memory.get(key);
      if (next === undefined) {
        next = read.ok ? await answerDecision(context, item, read.response.decisions[position]!, read.response) : { ...item, refused: read.message };
        remember(memory, key, next);
      }
      items[index] = next;
    }
  }
  for (const key of seen) memory.delete(key);
  return items;
}

function remember(memory: Map<string, ReviewItem>, key: string, item: ReviewItem): void {
  if (memory.size >= MEMORY_LIMIT) {
    const oldest = memory.keys().next();
    if (oldest.done !== true) memory.delete(oldest.value);
  }
  memory.set(key, item);
}

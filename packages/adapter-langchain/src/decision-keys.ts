// Which gate decision belongs to which tool call. LangGraph runs a node again
// from its start when it resumes after an interrupt, so proposing must be
// idempotent: each tool call has a decision key (thread, AI message, tool call)
// and the gate's log is the record of what was already proposed for it.
import type { Gate, ProposalView } from '@oversight/gate';

/** The decision key of a tool call: unique per thread, model message and call. */
export function decisionKey(threadId: unknown, messageId: string | undefined, toolCallId: string): string {
  const thread = typeof threadId === 'string' || typeof threadId === 'number' ? String(threadId) : '-';
  return `langchain/${thread}/${messageId ?? '-'}/${toolCallId}`;
}

/**
 * The proposals this gate holds for tool calls, by decision key (the first
 * proposal of each call; an edit routed again is found through `reroutedTo`).
 * Built once from the gate's log, so a restarted process finds what the one
 * before it proposed, and shared by every middleware over the same gate.
 */
export class ProposalRegistry {
  private byKey: Map<string, string> | undefined;

  constructor(private readonly gate: Gate) {}

  /** The first proposal made for this key, if any. */
  original(key: string): ProposalView | undefined {
    const id = this.index().get(key);
    return id === undefined ? undefined : this.gate.get(id);
  }

  remember(key: string, id: string): void {
    this.index().set(key, id);
  }

  /** Where the key's decision stands now: the last proposal of its chain of edits. */
  current(key: string): ProposalView | undefined {
    let view = this.original(key);
    const seen = new Set<string>();
    while (view?.proposal.reroutedTo !== undefined && !seen.has(view.proposal.id)) {
      seen.add(view.proposal.id);
      const next = this.gate.get(view.proposal.reroutedTo);
      if (next === undefined) return view;
      view = next;
    }
    return view;
  }

  private index(): Map<string, string> {
    if (this.byKey === undefined) {
      this.byKey = new Map();
      for (const proposal of this.gate.proposals()) {
        if (proposal.decisionKey !== undefined && proposal.linkedTo === undefined && !this.byKey.has(proposal.decisionKey)) this.byKey.set(proposal.decisionKey, proposal.id);
      }
    }
    return this.byKey;
  }
}

const registries = new WeakMap<Gate, ProposalRegistry>();

/** One registry per gate, whatever number of middlewares (or agents) use it. */
export function registryOf(gate: Gate): ProposalRegistry {
  let registry = registries.get(gate);
  if (registry === undefined) {
    registry = new ProposalRegistry(gate);
    registries.set(gate, registry);
  }
  return registry;
}

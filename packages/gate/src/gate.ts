// The gate's edge: it takes the clock, ids, identity and storage from outside,
// asks the pure commands what to log, applies that to its state and waits for
// the store before it answers. A log it could not write stops the gate: the
// process restarts and rebuilds from what is durable, never from what is not.
import { randomUUID } from 'node:crypto';
import type { CompiledPolicy } from '@oversight/core';
import { answerEntries } from './commands/answer.js';
import { factsHash } from './facts-hash.js';
import { authorize } from './commands/authorize.js';
import { expiryEntry } from './commands/expire.js';
import { proposeEntry } from './commands/propose.js';
import { GateError } from './gate-error.js';
import { isEventLine, type LogEntry } from './log/log-entry.js';
import { applyEntry, emptyState, isOpen, type GateState } from './state/gate-state.js';
import { roleChain, warnBeforeSeconds } from './state/roles.js';
import { viewOf } from './state/view.js';
import type { DecisionStore } from './store/decision-store.js';
import { ANSWER_DECISIONS, type AnswerInput, type AnswerResult, type Authorization, type GateEvent, type Notifier, type Proposal, type ProposalView, type ProposeInput, type Reviewer } from './types.js';

/** Says who is answering, from what the caller authenticated (a session, a signed token). */
export interface IdentityVerifier {
  verify(credential: unknown): Promise<Reviewer | undefined> | Reviewer | undefined;
}

export interface GateOptions {
  /** The enforced policies, one per metadata.name. */
  policies: readonly CompiledPolicy[];
  store: DecisionStore;
  clock?: () => Date;
  /** Candidate policies, evaluated beside the enforced one of the same name and never acted on. */
  shadow?: readonly CompiledPolicy[];
  /** When set, the reviewer is who it says, never who the answer's body says. */
  verifier?: IdentityVerifier;
  notifier?: Notifier;
  newId?: () => string;
  /** A notification that failed; the gate itself goes on. */
  onNotifyError?: (error: unknown, event: GateEvent) => void;
}

export interface Gate {
  propose(input: ProposeInput): Promise<ProposalView>;
  answer(id: string, answer: AnswerInput, context?: { credential?: unknown }): Promise<AnswerResult>;
  /** Call just before acting: the facts must be exactly those decided or approved. */
  authorize(id: string, facts: Record<string, unknown>): Authorization;
  /**
   * `authorize`, and the run recorded in the log before it resolves: a second
   * claim of the same decision is refused (`already-executed`), after a
   * restart too. Call it instead of `authorize` where running twice would harm.
   */
  claim(id: string, facts: Record<string, unknown>): Promise<Authorization>;
  /** Applies every deadline that has passed: onTimeout, or expiry of reviews after the fact. */
  expireDue(now?: Date): Promise<ProposalView[]>;
  /** Open proposals whose role's warnBefore window has begun and that are not yet past their deadline. */
  dueSoon(now?: Date): ProposalView[];
  /** Logs and sends a due-soon warning once per deadline. */
  warnDueSoon(now?: Date): Promise<ProposalView[]>;
  get(id: string): ProposalView | undefined;
  /** Open proposals, oldest first; for a role, those it may answer. */
  open(filter?: { role?: string }): ProposalView[];
  /** Every proposal, as rebuilt from the log (settled ones included). */
  proposals(): IterableIterator<Proposal>;
  close(): Promise<void>;
}

export async function createGate(options: GateOptions): Promise<Gate> {
  const policies = indexPolicies(options.policies);
  const shadows = options.shadow ?? [];
  for (const shadow of shadows) {
    if (!policies.has(shadow.name)) throw new GateError('unknown-policy', `shadow policy ${shadow.name} has no enforced policy of that name beside it`);
  }
  const clock = options.clock ?? (() => new Date());
  const newId = options.newId ?? randomUUID;
  const state = emptyState();
  for await (const entry of options.store.read()) applyEntry(state, entry);
  return new LiveGate(options, policies, shadows, clock, newId, state);
}

function indexPolicies(list: readonly CompiledPolicy[]): Map<string, CompiledPolicy> {
  const policies = new Map<string, CompiledPolicy>();
  for (const compiled of list) {
    if (policies.has(compiled.name)) throw new GateError('invalid-input', `two enforced policies are named ${compiled.name}; a gate enforces one version of each`);
    if (compiled.policy.spec.reviewer === undefined) {
      throw new GateError('invalid-input', `policy ${compiled.name} has no spec.reviewer: every decision the gate holds must name who answers it (default, onError and the irreversible gate included)`);
    }
    policies.set(compiled.name, compiled);
  }
  return policies;
}

class LiveGate implements Gate {
  private broken: GateError | undefined;
  /** Proposals with entries applied but not yet durable: nothing may run on them. */
  private readonly unsynced = new Map<string, number>();
  /** The first proposal of each (policy, decisionKey): a retried propose gets it back, rather than a second one. */
  private readonly byKey = new Map<string, string>();

  constructor(
    private readonly options: GateOptions,
    private readonly policies: Map<string, CompiledPolicy>,
    private readonly shadows: readonly CompiledPolicy[],
    private readonly clock: () => Date,
    private readonly newId: () => string,
    private readonly state: GateState,
  ) {
    for (const proposal of state.proposals.values()) this.rememberKey(proposal);
  }

  async propose(input: ProposeInput): Promise<ProposalView> {
    checkProposeInput(input);
    const compiled = this.policies.get(input.policy);
    if (!compiled) throw new GateError('unknown-policy', `no enforced policy named ${input.policy}; this gate enforces ${[...this.policies.keys()].join(', ')}`);
    const earlier = input.decisionKey === undefined ? undefined : this.byKey.get(keyOf(input.policy, input.decisionKey));
    if (earlier !== undefined) return this.again(earlier, input);
    const { entry, decision } = proposeEntry({ compiled, shadows: this.shadowsOf(compiled.name), id: this.newId(), now: this.clock() }, input);
    await this.commit([entry]);
    this.rememberKey(this.proposal(entry.decisionId));
    return { ...this.view(entry.decisionId), decision };
  }

  /** A propose retried with the same decisionKey: the proposal it made, if the facts are the same. */
  private again(id: string, input: ProposeInput): ProposalView {
    const proposal = this.proposal(id);
    if (proposal.factsHash !== factsHash(input.facts)) {
      throw new GateError('invalid-input', `decisionKey '${input.decisionKey}' was proposed as decision ${id} with other facts; a decisionKey names one action: use a new key for a new action`);
    }
    return this.view(id);
  }

  private rememberKey(proposal: Proposal): void {
    if (proposal.decisionKey === undefined || proposal.linkedTo !== undefined) return;
    const key = keyOf(proposal.policy.name, proposal.decisionKey);
    if (!this.byKey.has(key)) this.byKey.set(key, proposal.id);
  }

  async answer(id: string, answer: AnswerInput, context: { credential?: unknown } = {}): Promise<AnswerResult> {
    checkAnswerInput(answer);
    const reviewer = await this.identify(answer, context);
    const now = this.clock();
    await this.expireOne(id, now);
    const proposal = this.proposal(id);
    const compiled = this.policies.get(proposal.policy.name);
    const { entries, rerouted } = answerEntries(proposal, answer, { compiled, shadows: this.shadowsOf(proposal.policy.name), reviewer, now, newId: this.newId });
    await this.commit(entries);
    return { ...this.view(id), ...(rerouted && { rerouted: { ...this.view(rerouted.id), decision: rerouted.decision } }) };
  }

  authorize(id: string, facts: Record<string, unknown>): Authorization {
    if (this.unsynced.has(id)) return { ok: false, code: 'not-durable', message: `decision ${id} is still being written to the log; try again once its answer has returned` };
    return authorize(this.state.proposals.get(id), id, facts);
  }

  async claim(id: string, facts: Record<string, unknown>): Promise<Authorization> {
    const authorization = this.authorize(id, facts);
    if (!authorization.ok) return authorization;
    // Applied before the write is awaited, so a concurrent claim already sees it taken.
    await this.commit([{ event: 'executed', decisionId: id, at: this.clock().toISOString(), factsHash: authorization.factsHash }]);
    return authorization;
  }

  async expireDue(now: Date = this.clock()): Promise<ProposalView[]> {
    const entries: LogEntry[] = [];
    for (const proposal of this.state.proposals.values()) {
      const entry = isOpen(proposal) ? expiryEntry(proposal, this.policies.get(proposal.policy.name)?.policy, now) : undefined;
      if (entry) entries.push(entry);
    }
    await this.commit(entries);
    return entries.map((entry) => this.view(entry.decisionId));
  }

  dueSoon(now: Date = this.clock()): ProposalView[] {
    const due: ProposalView[] = [];
    for (const proposal of this.state.proposals.values()) {
      if (!isOpen(proposal) || proposal.deadline === undefined) continue;
      const warn = warnBeforeSeconds(this.policies.get(proposal.policy.name)?.policy, proposal.reviewer);
      const deadline = Date.parse(proposal.deadline);
      if (warn !== undefined && now.getTime() >= deadline - warn * 1000 && now.getTime() < deadline) due.push(viewOf(proposal));
    }
    return due;
  }

  async warnDueSoon(now: Date = this.clock()): Promise<ProposalView[]> {
    const due = this.dueSoon(now).filter((view) => view.proposal.warnedFor !== view.proposal.deadline);
    await this.commit(due.map((view) => ({ event: 'warned', decisionId: view.proposal.id, at: now.toISOString(), deadline: view.proposal.deadline! })));
    return due.map((view) => this.view(view.proposal.id));
  }

  get(id: string): ProposalView | undefined {
    const proposal = this.state.proposals.get(id);
    return proposal && viewOf(proposal);
  }

  open(filter: { role?: string } = {}): ProposalView[] {
    const open: ProposalView[] = [];
    for (const proposal of this.state.proposals.values()) {
      if (!isOpen(proposal)) continue;
      if (filter.role !== undefined && !this.mayAnswer(proposal, filter.role)) continue;
      open.push(viewOf(proposal));
    }
    return open;
  }

  proposals(): IterableIterator<Proposal> {
    return this.state.proposals.values();
  }

  close(): Promise<void> {
    return this.options.store.close();
  }

  private mayAnswer(proposal: Proposal, role: string): boolean {
    return roleChain(this.policies.get(proposal.policy.name)?.policy, proposal.reviewer).includes(role);
  }

  private shadowsOf(name: string): CompiledPolicy[] {
    return this.shadows.filter((shadow) => shadow.name === name);
  }

  private proposal(id: string): Proposal {
    const proposal = this.state.proposals.get(id);
    if (!proposal) throw new GateError('not-found', `no decision ${id} in this gate's log`);
    return proposal;
  }

  private view(id: string): ProposalView {
    return viewOf(this.proposal(id));
  }

  private async expireOne(id: string, now: Date): Promise<void> {
    const proposal = this.proposal(id);
    const entry = expiryEntry(proposal, this.policies.get(proposal.policy.name)?.policy, now);
    if (entry) await this.commit([entry]);
  }

  private async identify(answer: AnswerInput, context: { credential?: unknown }): Promise<Reviewer> {
    const verifier = this.options.verifier;
    if (!verifier) {
      if (!isReviewer(answer.reviewer)) throw new GateError('invalid-input', 'an answer names its reviewer: { id, role } (or configure an identity verifier)');
      return answer.reviewer;
    }
    const verified = await verifier.verify(context.credential);
    if (!isReviewer(verified)) throw new GateError('unauthenticated', 'the identity verifier did not recognise the caller: sign in, or send a valid token');
    if (answer.reviewer && (answer.reviewer.id !== verified.id || answer.reviewer.role !== verified.role)) {
      throw new GateError('identity-mismatch', `the answer says it is from ${answer.reviewer.id} (${answer.reviewer.role}) but the caller is ${verified.id} (${verified.role}); the verified identity is the only one trusted`);
    }
    return verified;
  }

  /** Applies entries to the state at once (so a concurrent answer sees them), then waits until they are durable. */
  private async commit(entries: readonly LogEntry[]): Promise<void> {
    if (this.broken) throw this.broken;
    if (entries.length === 0) return;
    for (const entry of entries) {
      applyEntry(this.state, entry);
      this.unsynced.set(entry.decisionId, (this.unsynced.get(entry.decisionId) ?? 0) + 1);
    }
    try {
      await this.options.store.append(entries);
    } catch (error) {
      this.broken = new GateError('store-failed', `the decision log could not be written (${(error as Error).message}); this gate stops: restart it to rebuild from what is durable`);
      throw this.broken;
    } finally {
      for (const entry of entries) {
        const left = (this.unsynced.get(entry.decisionId) ?? 1) - 1;
        if (left === 0) this.unsynced.delete(entry.decisionId);
        else this.unsynced.set(entry.decisionId, left);
      }
    }
    for (const entry of entries) this.notify(entry);
  }

  private notify(entry: LogEntry): void {
    const notifier = this.options.notifier;
    if (!notifier) return;
    const proposal = this.state.proposals.get(entry.decisionId)!;
    const type: GateEvent['type'] | undefined = isEventLine(entry)
      ? ({ proposed: 'proposed', escalated: 'escalated', warned: 'due-soon', approval: undefined, executed: undefined } as const)[entry.event]
      : 'settled';
    if (type === undefined) return;
    const event: GateEvent = { type, at: this.clock().toISOString(), proposal };
    notifier.notify(event).catch((error: unknown) => this.options.onNotifyError?.(error, event));
  }
}

function keyOf(policy: string, decisionKey: string): string {
  return `${policy}\u0000${decisionKey}`;
}

function checkProposeInput(input: ProposeInput): void {
  if (input === null || typeof input !== 'object') throw new GateError('invalid-input', 'propose takes { policy, facts, proposer }');
  if (typeof input.policy !== 'string') throw new GateError('invalid-input', 'propose needs policy: the metadata.name of an enforced policy');
  if (input.facts === null || typeof input.facts !== 'object' || Array.isArray(input.facts)) throw new GateError('invalid-input', 'propose needs facts: an object of fact names to values');
  if (input.proposer === null || typeof input.proposer !== 'object' || typeof input.proposer.id !== 'string' || input.proposer.id === '') {
    throw new GateError('invalid-input', 'propose needs proposer: { id } of the agent or person proposing, so nobody approves their own action');
  }
}

function checkAnswerInput(answer: AnswerInput): void {
  if (answer === null || typeof answer !== 'object' || !ANSWER_DECISIONS.includes(answer.decision)) {
    throw new GateError('invalid-input', `an answer's decision is one of ${ANSWER_DECISIONS.join(', ')}`);
  }
}

function isReviewer(value: unknown): value is Reviewer {
  const reviewer = value as Reviewer | undefined;
  return typeof reviewer === 'object' && reviewer !== null && typeof reviewer.id === 'string' && reviewer.id !== '' && typeof reviewer.role === 'string' && reviewer.role !== '';
}

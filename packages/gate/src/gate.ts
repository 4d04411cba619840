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
import { Change } from './state/change.js';
import { applyEntry, emptyState, isOpen, type GateState } from './state/gate-state.js';
import { roleChain, warnBeforeSeconds } from './state/roles.js';
import { viewOf } from './state/view.js';
import type { DecisionStore } from './store/decision-store.js';
import { DuplicateDecisionKeyError, isSharedStore, type SharedDecisionStore } from './store/shared-decision-store.js';
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
  /** `get`, read afresh from a shared store (another replica may have changed it); the same as `get` on a store of one process. */
  load(id: string): Promise<ProposalView | undefined>;
  /** Open proposals, oldest first; for a role, those it may answer. */
  open(filter?: { role?: string }): ProposalView[];
  /** `open`, read afresh from a shared store; the same as `open` on a store of one process. */
  pending(filter?: { role?: string }): Promise<ProposalView[]>;
  /**
   * Swaps the enforced (and shadow) policies at once, as a reload after a
   * policy file changed: every later call uses the new versions; proposals
   * already made keep the version they were decided with. Throws, changing
   * nothing, when the set is not one a gate can enforce.
   */
  replacePolicies(policies: readonly CompiledPolicy[], shadow?: readonly CompiledPolicy[]): void;
  /** Every proposal, as rebuilt from the log (settled ones included). */
  proposals(): IterableIterator<Proposal>;
  close(): Promise<void>;
}

export async function createGate(options: GateOptions): Promise<Gate> {
  const { policies, shadows } = policySet(options.policies, options.shadow ?? []);
  const clock = options.clock ?? (() => new Date());
  const newId = options.newId ?? randomUUID;
  const state = emptyState();
  // A shared store's log is every replica's: such a gate reads the decisions it works on when it works on them.
  if (!isSharedStore(options.store)) for await (const entry of options.store.read()) applyEntry(state, entry);
  return new LiveGate(options, policies, shadows, clock, newId, state);
}

function policySet(list: readonly CompiledPolicy[], shadows: readonly CompiledPolicy[]): { policies: Map<string, CompiledPolicy>; shadows: readonly CompiledPolicy[] } {
  const policies = indexPolicies(list);
  for (const shadow of shadows) {
    if (!policies.has(shadow.name)) throw new GateError('unknown-policy', `shadow policy ${shadow.name} has no enforced policy of that name beside it`);
  }
  return { policies, shadows };
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

/** Expiry sweeps of a shared store take this many decisions a transaction. */
const SWEEP_BATCH = 100;
/** Decisions a gate on a shared store keeps read: enough for the answers in flight, bounded however long it runs. */
const CACHE_LIMIT = 10_000;

class LiveGate implements Gate {
  private broken: GateError | undefined;
  /** Proposals with entries applied but not yet durable: nothing may run on them. */
  private readonly unsynced = new Map<string, number>();
  /** The first proposal of each (policy, decisionKey): a retried propose gets it back, rather than a second one. */
  private readonly byKey = new Map<string, string>();
  /** Set for a store several gates share: every change is made under the store's lock, on the decision as the store has it. */
  private readonly shared: SharedDecisionStore | undefined;

  constructor(
    private readonly options: GateOptions,
    private policies: Map<string, CompiledPolicy>,
    private shadows: readonly CompiledPolicy[],
    private readonly clock: () => Date,
    private readonly newId: () => string,
    /** Every decision, for a store of one process; for a shared store, those this gate has read lately. */
    private readonly state: GateState,
  ) {
    this.shared = isSharedStore(options.store) ? options.store : undefined;
    for (const proposal of state.proposals.values()) this.rememberKey(proposal);
  }

  async propose(input: ProposeInput): Promise<ProposalView> {
    checkProposeInput(input);
    const compiled = this.policies.get(input.policy);
    if (!compiled) throw new GateError('unknown-policy', `no enforced policy named ${input.policy}; this gate enforces ${[...this.policies.keys()].join(', ')}`);
    const earlier = input.decisionKey === undefined ? undefined : await this.idForKey(input.policy, input.decisionKey);
    if (earlier !== undefined) return this.again(earlier, input);
    const { entry, decision } = proposeEntry({ compiled, shadows: this.shadowsOf(compiled.name), id: this.newId(), now: this.clock() }, input);
    if (this.shared) {
      try {
        await guardStore(this.shared.append([entry]));
      } catch (error) {
        // Another replica proposed the same key a moment ago: the retry gets its decision.
        if (!(error instanceof DuplicateDecisionKeyError)) throw error;
        const id = await this.idForKey(input.policy, input.decisionKey!);
        if (id === undefined) throw new GateError('store-failed', `the store refused decisionKey '${input.decisionKey}' as taken but cannot find its decision; try again`);
        return this.again(id, input);
      }
      applyEntry(this.state, entry);
      this.trimCache();
      this.notify(entry);
    } else {
      await this.commit([entry]);
    }
    this.rememberKey(this.proposal(entry.decisionId));
    return { ...this.view(entry.decisionId), decision };
  }

  private async idForKey(policy: string, decisionKey: string): Promise<string | undefined> {
    const known = this.byKey.get(keyOf(policy, decisionKey));
    if (known !== undefined || !this.shared) return known;
    return guardStore(this.shared.idForKey(policy, decisionKey));
  }

  /** A propose retried with the same decisionKey: the proposal it made, if the facts are the same. */
  private async again(id: string, input: ProposeInput): Promise<ProposalView> {
    const view = await this.load(id);
    if (!view) throw new GateError('not-found', `no decision ${id} in this gate's log`);
    if (view.proposal.factsHash !== factsHash(input.facts)) {
      throw new GateError('invalid-input', `decisionKey '${input.decisionKey}' was proposed as decision ${id} with other facts; a decisionKey names one action: use a new key for a new action`);
    }
    return view;
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
    const rerouted = await this.change(id, (change) => {
      // The clock's due first: an answer after the deadline meets the proposal as onTimeout left it.
      const expiry = this.expiryOf(proposalIn(change, id), now);
      if (expiry) change.add(expiry);
      const proposal = proposalIn(change, id);
      const compiled = this.policies.get(proposal.policy.name);
      const result = answerEntries(proposal, answer, { compiled, shadows: this.shadowsOf(proposal.policy.name), reviewer, now, newId: this.newId });
      change.add(...result.entries);
      return result.rerouted;
    });
    return { ...this.view(id), ...(rerouted && { rerouted: { ...this.view(rerouted.id), decision: rerouted.decision } }) };
  }

  authorize(id: string, facts: Record<string, unknown>): Authorization {
    // A gate whose log failed holds answers that may not be durable: nothing runs until it restarts.
    if (this.broken) return { ok: false, code: 'not-durable', message: `${this.broken.message}; nothing runs until then` };
    if (this.unsynced.has(id)) return { ok: false, code: 'not-durable', message: `decision ${id} is still being written to the log; try again once its answer has returned` };
    return authorize(this.state.proposals.get(id), id, facts);
  }

  claim(id: string, facts: Record<string, unknown>): Promise<Authorization> {
    return this.change(id, (change) => {
      const authorization = this.shared ? authorize(change.proposal(id), id, facts) : this.authorize(id, facts);
      // Applied at once, so a concurrent claim already sees it taken.
      if (authorization.ok) change.add({ event: 'executed', decisionId: id, at: this.clock().toISOString(), factsHash: authorization.factsHash });
      return authorization;
    });
  }

  async expireDue(now: Date = this.clock()): Promise<ProposalView[]> {
    if (this.shared) return this.sweepShared(this.shared, now);
    const entries: LogEntry[] = [];
    for (const proposal of this.openProposals()) {
      const entry = this.expiryOf(proposal, now);
      if (entry) entries.push(entry);
    }
    await this.commit(entries);
    return entries.map((entry) => this.view(entry.decisionId));
  }

  /** Sweeps in batches, each decision locked by one replica only (SKIP LOCKED): none expires twice. */
  private async sweepShared(store: SharedDecisionStore, now: Date): Promise<ProposalView[]> {
    const swept: ProposalView[] = [];
    for (let batch = 0; batch < 1000; batch++) {
      const changes: Change[] = [];
      const appended = await guardStore(
        store.sweepDue(
          now,
          (entries) => {
            const change = Change.over(entries);
            const proposal = entries[0] && change.proposal(entries[0].decisionId);
            const entry = proposal && this.expiryOf(proposal, now);
            if (entry) change.add(entry);
            changes.push(change);
            return change.entries;
          },
          SWEEP_BATCH,
        ),
      );
      for (const change of changes) {
        this.cacheAndNotify(change);
        for (const entry of change.entries) swept.push(this.view(entry.decisionId));
      }
      if (appended.length === 0 || changes.length < SWEEP_BATCH) break;
    }
    return swept;
  }

  dueSoon(now: Date = this.clock()): ProposalView[] {
    return this.dueSoonOf(this.openProposals(), now);
  }

  private dueSoonOf(proposals: Iterable<Proposal>, now: Date): ProposalView[] {
    const due: ProposalView[] = [];
    for (const proposal of proposals) {
      if (!isOpen(proposal) || proposal.deadline === undefined) continue;
      const warn = warnBeforeSeconds(this.policies.get(proposal.policy.name)?.policy, proposal.reviewer);
      const deadline = Date.parse(proposal.deadline);
      if (warn !== undefined && now.getTime() >= deadline - warn * 1000 && now.getTime() < deadline) due.push(viewOf(proposal));
    }
    return due;
  }

  async warnDueSoon(now: Date = this.clock()): Promise<ProposalView[]> {
    const open = this.shared ? await this.openWithin(this.shared, now) : this.openProposals();
    const warned: ProposalView[] = [];
    for (const view of this.dueSoonOf(open, now)) {
      const id = view.proposal.id;
      if (view.proposal.warnedFor === view.proposal.deadline) continue;
      const sent = await this.change(id, (change) => {
        // Under the lock: another replica may have warned, answered or escalated it since.
        const proposal = change.proposal(id);
        if (!proposal || !isOpen(proposal) || proposal.deadline !== view.proposal.deadline || proposal.warnedFor === proposal.deadline) return false;
        change.add({ event: 'warned', decisionId: id, at: now.toISOString(), deadline: proposal.deadline! });
        return true;
      });
      if (sent) warned.push(this.view(id));
    }
    return warned;
  }

  /** Open decisions of a shared store whose warning window may have begun: the store reads those due within the longest warnBefore, not every open one. */
  private async openWithin(store: SharedDecisionStore, now: Date): Promise<Proposal[]> {
    let longest = 0;
    for (const { policy } of this.policies.values()) {
      for (const role of Object.keys(policy.spec.reviewers ?? {})) longest = Math.max(longest, warnBeforeSeconds(policy, role) ?? 0);
    }
    if (longest === 0) return [];
    return this.cacheDecisions(await guardStore(store.openEntries({ deadlineBy: new Date(now.getTime() + longest * 1000) })));
  }

  get(id: string): ProposalView | undefined {
    const proposal = this.state.proposals.get(id);
    return proposal && viewOf(proposal);
  }

  async load(id: string): Promise<ProposalView | undefined> {
    if (!this.shared) return this.get(id);
    const change = Change.over(await guardStore(this.shared.entriesOf(id)));
    if (!change.proposal(id)) return undefined;
    this.cache(change);
    return this.get(id);
  }

  open(filter: { role?: string } = {}): ProposalView[] {
    return this.openOf(this.openProposals(), filter.role);
  }

  async pending(filter: { role?: string } = {}): Promise<ProposalView[]> {
    if (!this.shared) return this.open(filter);
    const reviewers = filter.role === undefined ? undefined : this.rolesAnsweredBy(filter.role);
    const proposals = this.cacheDecisions(await guardStore(this.shared.openEntries(reviewers && { reviewers })));
    return this.openOf(proposals, filter.role);
  }

  /** Decisions a shared store read, each as its entries: taken into the cache, and returned as proposals. */
  private cacheDecisions(decisions: readonly LogEntry[][]): Proposal[] {
    const proposals: Proposal[] = [];
    for (const entries of decisions) {
      const change = Change.over(entries);
      this.cache(change);
      const proposal = entries[0] && change.proposal(entries[0].decisionId);
      if (proposal) proposals.push(proposal);
    }
    return proposals;
  }

  private openOf(proposals: Iterable<Proposal>, role: string | undefined): ProposalView[] {
    const open: ProposalView[] = [];
    for (const proposal of proposals) {
      if (!isOpen(proposal)) continue;
      if (role !== undefined && !this.mayAnswer(proposal, role)) continue;
      open.push(viewOf(proposal));
    }
    return open;
  }

  /** Every role a decision may wait on that `role` may answer for (itself, and the roles below it). */
  private rolesAnsweredBy(role: string): string[] {
    const roles = new Set([role]);
    for (const { policy } of this.policies.values()) {
      for (const candidate of Object.keys(policy.spec.reviewers ?? {})) if (roleChain(policy, candidate).includes(role)) roles.add(candidate);
    }
    return [...roles];
  }

  proposals(): IterableIterator<Proposal> {
    return this.state.proposals.values();
  }

  /** Those still waiting for a person, oldest first (a copy: a sweep changes the set as it goes). */
  private openProposals(): Proposal[] {
    return [...this.state.open].map((id) => this.state.proposals.get(id)!);
  }

  replacePolicies(policies: readonly CompiledPolicy[], shadow: readonly CompiledPolicy[] = []): void {
    const set = policySet(policies, shadow);
    this.policies = set.policies;
    this.shadows = set.shadows;
  }

  close(): Promise<void> {
    return this.options.store.close();
  }

  /** What the clock owes a proposal now, under the enforced version of its policy. */
  private expiryOf(proposal: Proposal, now: Date): LogEntry | undefined {
    return expiryEntry(proposal, this.policies.get(proposal.policy.name)?.policy, now);
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

  /**
   * Runs a command on one decision and makes what it adds durable. What the
   * command added before it refused (an expiry the clock owed) is kept: the
   * refusal is thrown after it is written.
   */
  private async change<T>(id: string, work: (change: Change) => T): Promise<T> {
    if (this.shared) return this.changeShared(this.shared, id, work);
    if (this.broken) throw this.broken;
    const change = new Change(this.state);
    let result: T;
    try {
      result = work(change);
    } catch (error) {
      await this.persist(change.entries);
      throw error;
    }
    await this.persist(change.entries);
    return result;
  }

  /** The command runs under the store's lock on the decision as the store has it; this gate's copy follows once durable. */
  private async changeShared<T>(store: SharedDecisionStore, id: string, work: (change: Change) => T): Promise<T> {
    let change: Change | undefined;
    let refusal: { error: unknown } | undefined;
    const result = await guardStore(
      store.update(id, (entries) => {
        change = Change.over(entries);
        refusal = undefined;
        try {
          const result: T | undefined = work(change);
          return { append: change.entries, result };
        } catch (error) {
          if (change.entries.length === 0) throw error;
          refusal = { error };
          return { append: change.entries, result: undefined };
        }
      }),
    );
    if (change) this.cacheAndNotify(change);
    if (refusal) throw refusal.error;
    return result as T;
  }

  /**
   * Takes a shared store's fresh copy of decisions into this gate's. The copy
   * is a cache of the decisions this gate touched lately (the store is the
   * truth), so it is kept to CACHE_LIMIT, the oldest dropped first.
   */
  private cache(change: Change): void {
    for (const [id, proposal] of change.state.proposals) {
      this.state.proposals.delete(id);
      this.state.proposals.set(id, proposal);
      if (isOpen(proposal)) this.state.open.add(id);
      else this.state.open.delete(id);
      this.rememberKey(proposal);
    }
    this.trimCache();
  }

  private trimCache(): void {
    for (const id of this.state.proposals.keys()) {
      if (this.state.proposals.size <= CACHE_LIMIT) break;
      this.state.proposals.delete(id);
      this.state.open.delete(id);
    }
    for (const key of this.byKey.keys()) {
      if (this.byKey.size <= CACHE_LIMIT) break;
      this.byKey.delete(key);
    }
  }

  private cacheAndNotify(change: Change): void {
    this.cache(change);
    for (const entry of change.entries) this.notify(entry);
  }

  /** Applies entries to the state at once (so a concurrent answer sees them), then waits until they are durable. */
  private async commit(entries: readonly LogEntry[]): Promise<void> {
    if (this.broken) throw this.broken;
    for (const entry of entries) applyEntry(this.state, entry);
    await this.persist(entries);
  }

  /** Waits until entries already applied are durable; nothing runs on their decisions meanwhile. */
  private async persist(entries: readonly LogEntry[]): Promise<void> {
    if (entries.length === 0) return;
    for (const entry of entries) this.unsynced.set(entry.decisionId, (this.unsynced.get(entry.decisionId) ?? 0) + 1);
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

function proposalIn(change: Change, id: string): Proposal {
  const proposal = change.proposal(id);
  if (!proposal) throw new GateError('not-found', `no decision ${id} in this gate's log`);
  return proposal;
}

/** A shared store that fails leaves this gate as it was (nothing of the call is in its copy): the call says so, and the next one reads afresh. */
async function guardStore<T>(pending: Promise<T>): Promise<T> {
  try {
    return await pending;
  } catch (error) {
    if (error instanceof GateError || error instanceof DuplicateDecisionKeyError) throw error;
    throw new GateError('store-failed', `the shared decision store failed (${(error as Error).message}); read the decision again before you retry: the change may or may not have landed`);
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

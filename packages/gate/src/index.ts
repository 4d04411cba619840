// The public API of @oversight/gate: the review loop over @oversight/core.
export { createGate } from './gate.js';
export type { Gate, GateOptions, IdentityVerifier } from './gate.js';
export { GateError } from './gate-error.js';
export type { GateErrorCode } from './gate-error.js';
export * from './types.js';
export { factsHash } from './facts-hash.js';
export { MemoryDecisionStore } from './store/decision-store.js';
export type { DecisionStore } from './store/decision-store.js';
export { JsonlDecisionLog } from './store/jsonl-decision-log.js';
export type { JsonlLogOptions, TornTail } from './store/jsonl-decision-log.js';
export { EVENT_KINDS, isEventLine } from './log/log-entry.js';
export type { ApprovalEvent, EscalatedEvent, GateEventLine, LogEntry, ProposedEvent, SettledRecord, WarnedEvent } from './log/log-entry.js';
export { lineHash } from './log/chain.js';

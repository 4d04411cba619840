// One response shape for a proposal, whichever route returns it: propose,
// read, list, answer. Built from the root history record (outcome, shadow
// routes) and decision schemas, with the review loop's state beside them.
import { historyRecordSchema } from '@oversight/core';
import type { Effect, ProposalStatus } from '@oversight/gate';
import { inlineDefs, openFreeFormObjects, ref, type JsonSchema } from './json-schema.js';
import { decisionResponseSchema } from './decision.js';
import { factsSchema, policyRefSchema, routeSchema } from './shared.js';

export const PROPOSAL_STATUSES = ['pending', 'under_review', 'approved', 'rejected', 'denied', 'expired', 'rerouted', 'ran', 'reviewed', 'escalated'] as const satisfies readonly ProposalStatus[];
export const EFFECTS = ['run', 'run-edited', 'wait', 'never', 'rerouted', 'stands', 'correct', 'undo'] as const satisfies readonly Effect[];

// Fails to compile when the gate adds a status or an effect these lists lack.
type Missing<All, Listed> = [Exclude<All, Listed>] extends [never] ? true : Exclude<All, Listed>;
const _everyStatus: Missing<ProposalStatus, (typeof PROPOSAL_STATUSES)[number]> = true;
const _everyEffect: Missing<Effect, (typeof EFFECTS)[number]> = true;

const timeSchema: JsonSchema = { type: 'string', format: 'date-time' };
const history = historyRecordSchema.properties;

const escalationSchema: JsonSchema = inlineDefs(history.outcome.properties.escalations.items, historyRecordSchema);

export const proposalSchema: JsonSchema = {
  type: 'object',
  required: ['id', 'at', 'status', 'effect', 'route', 'rules', 'approvalsRequired', 'approvals', 'escalations', 'policy', 'facts', 'factsHash', 'sampled'],
  properties: {
    id: { type: 'string', description: 'The decision id: answer, read and claim the proposal by it.' },
    at: { ...timeSchema, description: 'When it was proposed.' },
    status: { enum: PROPOSAL_STATUSES },
    effect: {
      enum: EFFECTS,
      description: 'What the service does now: run (with runFacts), run-edited, wait (for a person), never, rerouted (an edit made it riskier: the rerouted proposal decides), stands, correct or undo (for a review after the fact).',
    },
    route: routeSchema,
    rules: { type: 'array', items: { type: 'string' }, description: 'Ids of the rules that matched.' },
    reviewer: { type: 'string', description: 'The reviewer role that must answer now.' },
    deadline: { ...timeSchema, description: "When the reviewer role's SLA runs out." },
    approvalsRequired: { type: 'integer', minimum: 1 },
    approvals: { type: 'array', items: { type: 'object', required: ['reviewer', 'at'], properties: { reviewer: ref('Reviewer'), at: timeSchema } } },
    escalations: { type: 'array', items: escalationSchema },
    policy: policyRefSchema,
    proposer: ref('Proposer'),
    decisionKey: { type: 'string' },
    facts: { ...factsSchema, description: 'The facts as proposed.' },
    factsHash: { type: 'string', description: 'sha256 of the canonical proposed facts (`sha256:<hex>`).' },
    runFacts: { ...factsSchema, description: 'The facts the action may run with now (what was decided, approved or edited); absent while it may not run.' },
    sampled: { type: 'boolean', description: 'An automatic decision sampled for QA review.' },
    error: openFreeFormObjects(inlineDefs(history.error, historyRecordSchema)),
    packet: (decisionResponseSchema.properties as Record<string, JsonSchema>).packet,
    outcome: openFreeFormObjects(inlineDefs(history.outcome, historyRecordSchema)),
    shadow: inlineDefs(history.shadow, historyRecordSchema),
    linkedTo: { type: 'string', description: 'The proposal whose edit made this one.' },
    reroutedTo: { type: 'string', description: 'The proposal an edit that made the action riskier was routed into.' },
    settledAt: timeSchema,
    executedAt: { ...timeSchema, description: 'When a service claimed it to run: it runs once.' },
    // The evaluation behind a proposal just made (absent when read back from the log).
    decision: ref('Decision'),
  },
};

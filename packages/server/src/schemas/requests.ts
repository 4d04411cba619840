// What each route accepts and answers with: the request bodies, parameters and
// responses, as Fastify validates and serializes them and the OpenAPI
// document describes them. Types beside each schema say the same for TypeScript.
import { ANSWER_DECISIONS, type AnswerDecision, type Proposer, type Reviewer } from '@oversight/gate';
import { ref, type JsonSchema } from './json-schema.js';
import { proposalSchema } from './proposal.js';
import { routeSchema } from './shared.js';

const idSchema: JsonSchema = { type: 'string', minLength: 1, maxLength: 256 };

export const policyParams: JsonSchema = {
  type: 'object',
  required: ['policy'],
  properties: { policy: { ...idSchema, description: 'metadata.name of an enforced policy.' } },
};
export interface PolicyParams {
  policy: string;
}

export const idParams: JsonSchema = {
  type: 'object',
  required: ['id'],
  properties: { id: { ...idSchema, description: 'The decision id.' } },
};
export interface IdParams {
  id: string;
}

export const decideHeaders: JsonSchema = {
  type: 'object',
  properties: {
    'x-oversight-proposer': { ...idSchema, description: 'The proposer id (default `http`): the agent or service acting.' },
    'idempotency-key': { ...idSchema, description: "The caller's id for the action (the decisionKey): a retry with the same key and facts gets the same decision back." },
  },
};
export interface DecideHeaders {
  'x-oversight-proposer'?: string;
  'idempotency-key'?: string;
}

export const proposeBody: JsonSchema = {
  type: 'object',
  required: ['policy', 'facts', 'proposer'],
  additionalProperties: false,
  properties: {
    policy: { ...idSchema, description: 'metadata.name of an enforced policy.' },
    facts: ref('Facts'),
    proposer: ref('Proposer'),
    decisionKey: { ...idSchema, description: "The caller's id for the action: QA sampling hashes it, and a retry with the same key and facts gets the same proposal back." },
  },
};
export interface ProposeBody {
  policy: string;
  facts: Record<string, unknown>;
  proposer: Proposer;
  decisionKey?: string;
}

export const listQuery: JsonSchema = {
  type: 'object',
  required: ['status'],
  additionalProperties: false,
  properties: {
    status: { enum: ['pending'], description: 'Only open proposals (waiting for a person) can be listed.' },
    reviewer: { ...idSchema, description: 'A reviewer role: only the proposals that role may answer (its own and those escalated past it).' },
  },
};
export interface ListQuery {
  status: 'pending';
  reviewer?: string;
}

export const answerBody: JsonSchema = {
  type: 'object',
  required: ['decision'],
  additionalProperties: false,
  properties: {
    decision: { enum: ANSWER_DECISIONS },
    reason: { type: 'string', minLength: 1, maxLength: 10_000, description: 'Why: required to reject or edit.' },
    editedFacts: { ...ref('Facts'), description: 'For edit: the whole action as it should run. It is evaluated again before it runs.' },
    reviewer: ref('Reviewer'),
  },
};
export interface AnswerBody {
  decision: AnswerDecision;
  reason?: string;
  editedFacts?: Record<string, unknown>;
  reviewer?: Reviewer;
}

export const claimBody: JsonSchema = {
  type: 'object',
  required: ['facts'],
  additionalProperties: false,
  properties: { facts: ref('Facts') },
};
export interface ClaimBody {
  facts: Record<string, unknown>;
}

export const decideResponse: JsonSchema = {
  type: 'object',
  required: ['decisionId', 'status', 'effect'],
  properties: {
    decisionId: { type: 'string' },
    status: (proposalSchema.properties as Record<string, JsonSchema>).status,
    effect: (proposalSchema.properties as Record<string, JsonSchema>).effect,
    route: routeSchema,
    runFacts: (proposalSchema.properties as Record<string, JsonSchema>).runFacts,
    // Absent only when an idempotency key replays a decision made earlier (read back from the log).
    decision: ref('Decision'),
  },
};

export const answerResponse: JsonSchema = {
  ...proposalSchema,
  properties: { ...(proposalSchema.properties as Record<string, JsonSchema>), rerouted: ref('Proposal') },
};

export const listResponse: JsonSchema = {
  type: 'object',
  required: ['proposals'],
  properties: { proposals: { type: 'array', items: ref('Proposal') } },
};

export const claimResponse: JsonSchema = {
  type: 'object',
  required: ['ok', 'facts', 'factsHash'],
  properties: { ok: { const: true }, facts: ref('Facts'), factsHash: { type: 'string' } },
};

export const healthResponse: JsonSchema = {
  type: 'object',
  required: ['status', 'policies'],
  properties: {
    status: { const: 'ok' },
    policies: {
      type: 'array',
      items: { type: 'object', required: ['name', 'version', 'hash'], properties: { name: { type: 'string' }, version: { type: 'integer' }, hash: { type: 'string' } } },
    },
  },
};

// The server's named schemas: registered with Fastify (`$id`) so routes refer
// to them, and listed as components in the OpenAPI document.
import type { JsonSchema } from './json-schema.js';
import { decisionResponseSchema } from './decision.js';
import { problemSchema } from './problem.js';
import { proposalSchema } from './proposal.js';
import { factsSchema, proposerSchema, reviewerSchema } from './shared.js';

export const SCHEMA_COMPONENTS: Readonly<Record<string, JsonSchema>> = {
  Decision: { ...decisionResponseSchema, description: 'A decision (schemas/decision.schema.json): the route, the matched rules with reasons, reviewer and deadline, and the review packet.' },
  Proposal: proposalSchema,
  Proposer: proposerSchema,
  Reviewer: reviewerSchema,
  Facts: factsSchema,
  Problem: problemSchema,
};

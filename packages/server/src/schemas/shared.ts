// Small schemas the server's others are built from, taken from the root ones
// where those define them: a proposer and a reviewer as the decision log
// writes them, a route as a decision names it.
import { decisionSchema, logEventSchema } from '@oversight/core';
import { inlineDefs, type JsonSchema } from './json-schema.js';

export const routeSchema: JsonSchema = inlineDefs(decisionSchema.$defs.route, decisionSchema);

export const proposerSchema: JsonSchema = {
  ...inlineDefs(logEventSchema.$defs.proposer, logEventSchema),
  description: 'Who proposed the action: the agent or service acting. A proposer never approves its own action.',
};

export const reviewerSchema: JsonSchema = {
  ...inlineDefs(logEventSchema.$defs.reviewer, logEventSchema),
  description: 'A person answering: `id` (an employee id or email) and the reviewer `role` they act in (spec.reviewers).',
};

export const factsSchema: JsonSchema = {
  type: 'object',
  additionalProperties: true,
  description: "Fact names to values, as the policy's spec.facts declares them. Undeclared or invalid facts are not a request error: they get the policy's onError decision.",
};

export const policyRefSchema: JsonSchema = {
  type: 'object',
  required: ['name', 'version'],
  properties: { name: { type: 'string' }, version: { type: 'integer', minimum: 1 }, hash: { type: 'string' } },
  description: 'The policy version that decided (metadata.name, metadata.version and the content hash).',
};

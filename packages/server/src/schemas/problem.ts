// RFC 9457 problem details: the body of every response that is not a 2xx.
import type { JsonSchema } from './json-schema.js';

export const problemSchema: JsonSchema = {
  type: 'object',
  required: ['type', 'title', 'status', 'detail', 'code'],
  additionalProperties: true,
  properties: {
    type: { type: 'string', format: 'uri', description: 'Names the kind of problem: https://oversight.dev/problems/<code>.' },
    title: { type: 'string', description: 'A short summary of the kind of problem, the same for every occurrence.' },
    status: { type: 'integer', minimum: 400, maximum: 599 },
    detail: { type: 'string', description: 'What went wrong this time, and what to do about it.' },
    code: {
      type: 'string',
      description:
        "The problem's code: the gate's error code (unknown-policy, settled, wrong-role, …), the Authorization's code for a claim (not-runnable, facts-differ, already-executed, not-durable), or a request error (malformed-json, repeated-key, body-too-large, unsupported-media-type, invalid-request, not-found, internal).",
    },
    errors: {
      type: 'array',
      description: 'For invalid-request: each field that failed validation.',
      items: { type: 'object', required: ['in', 'message'], properties: { in: { type: 'string' }, field: { type: 'string' }, message: { type: 'string' } } },
    },
    limit: { type: 'integer', description: 'For body-too-large: the largest body accepted, in bytes.' },
  },
};

// What operators and tooling read: liveness with the enforced policy versions,
// Prometheus metrics, and the OpenAPI document of every route.
import { RequestError } from '../http/problem.js';
import { healthResponse } from '../schemas/requests.js';
import type { RouteContext, ServerRoute } from './route.js';

/** /healthz, /metrics and /openapi.json; `openApi` builds the document (once) from the route table. */
export function serviceRoutes(context: RouteContext, openApi: () => Record<string, unknown>): ServerRoute[] {
  const health: ServerRoute = {
    method: 'GET',
    url: '/healthz',
    operationId: 'health',
    summary: 'Liveness, and the policy versions enforced now',
    description: 'Answers 503 once the server has begun to shut down.',
    schema: { response: { 200: healthResponse } },
    problems: [503],
    handler() {
      if (context.closing()) return Promise.reject(new RequestError(503, 'closing', 'the server is shutting down'));
      const policies = context.policies().map(({ name, version, hash }) => ({ name, version, hash }));
      return Promise.resolve({ status: 'ok', policies });
    },
  };

  const metrics: ServerRoute = {
    method: 'GET',
    url: '/metrics',
    operationId: 'metrics',
    summary: 'Prometheus metrics',
    produces: 'text/plain',
    schema: { response: { 200: { type: 'string' } } },
    problems: [],
    async handler(_request, reply) {
      const { registry } = context.metrics;
      const text = await registry.metrics();
      reply.type(registry.contentType);
      return text;
    },
  };

  const openapi: ServerRoute = {
    method: 'GET',
    url: '/openapi.json',
    operationId: 'openapi',
    summary: 'This OpenAPI 3.1 document',
    schema: { response: { 200: { type: 'object', additionalProperties: true } } },
    problems: [],
    handler() {
      return Promise.resolve(openApi());
    },
  };

  return [health, metrics, openapi];
}

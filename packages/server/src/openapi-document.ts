// The OpenAPI 3.1 document, generated from the route table: the same schemas
// Fastify validates and serializes with, so the document cannot drift from
// what the server does. Named schemas become components.
import { statusTitle } from './http/problem.js';
import type { ServerRoute } from './routes/route.js';
import type { JsonSchema } from './schemas/json-schema.js';

export interface OpenApiOptions {
  title: string;
  version: string;
  components: Readonly<Record<string, JsonSchema>>;
  /** Reviewer routes need a bearer token. */
  bearerAuth: boolean;
}

/** The OpenAPI 3.1 document of `routes`, their named schemas as components. */
export function openApiDocument(routes: readonly ServerRoute[], options: OpenApiOptions): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = route.url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    (paths[path] ??= {})[route.method.toLowerCase()] = operation(route, options.bearerAuth);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: options.title,
      version: options.version,
      description: 'Oversight decides whether a proposed AI agent action runs alone, is reviewed after, needs approval before, is escalated, or is denied, by versioned policies; and carries it to a person and back.',
    },
    paths,
    components: {
      schemas: Object.fromEntries(Object.entries(options.components).map(([name, schema]) => [name, toOpenApi(schema)])),
      ...(options.bearerAuth && { securitySchemes: { reviewerToken: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'A JWT naming the reviewer (sub) and their role (role).' } } }),
    },
  };
}

function operation(route: ServerRoute, bearerAuth: boolean): Record<string, unknown> {
  const { schema } = route;
  const parameters = [...parametersOf(schema.params, 'path'), ...parametersOf(schema.querystring, 'query'), ...parametersOf(schema.headers, 'header')];
  const responses: Record<string, unknown> = {};
  for (const [status, body] of Object.entries(schema.response)) {
    responses[status] = { description: describeSuccess(Number(status)), content: { [route.produces ?? 'application/json']: { schema: toOpenApi(body) } } };
  }
  const problems = [...route.problems, ...(route.reviewerAuth === true && bearerAuth ? [401] : []), 500];
  for (const status of new Set(problems)) {
    responses[String(status)] = { description: statusTitle(status), content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } };
  }
  return {
    operationId: route.operationId,
    summary: route.summary,
    ...(route.description !== undefined && { description: route.description }),
    ...(parameters.length > 0 && { parameters }),
    ...(schema.body !== undefined && { requestBody: { required: true, content: { 'application/json': { schema: toOpenApi(schema.body) } } } }),
    responses,
    ...(route.reviewerAuth === true && bearerAuth && { security: [{ reviewerToken: [] }] }),
  };
}

function describeSuccess(status: number): string {
  return status === 201 ? 'Created' : 'OK';
}

/** An object schema's properties as OpenAPI parameters. */
function parametersOf(schema: JsonSchema | undefined, where: 'path' | 'query' | 'header'): Record<string, unknown>[] {
  if (schema === undefined) return [];
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => {
    const { description, ...rest } = property;
    return { name, in: where, required: where === 'path' || required.has(name), ...(description !== undefined && { description }), schema: toOpenApi(rest) };
  });
}

/** Fastify's references to named schemas (`Decision#`) as OpenAPI component references. */
function toOpenApi(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toOpenApi);
  if (node === null || typeof node !== 'object') return node;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    copy[key] = key === '$ref' && typeof value === 'string' && value.endsWith('#') ? `#/components/schemas/${value.slice(0, -1)}` : toOpenApi(value);
  }
  return copy;
}

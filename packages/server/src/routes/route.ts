// A route as the server declares it: what Fastify registers (method, url,
// schemas, handler) and what the OpenAPI document says of it, from one object.
import type { FastifyReply, FastifyRequest, RouteGenericInterface } from 'fastify';
import type { CompiledPolicy } from '@oversight/core';
import type { Gate, IdentityVerifier } from '@oversight/gate';
import type { ServerMetrics } from '../metrics.js';
import type { JsonSchema } from '../schemas/json-schema.js';

export interface RouteSchema {
  body?: JsonSchema;
  params?: JsonSchema;
  querystring?: JsonSchema;
  headers?: JsonSchema;
  /** The 2xx bodies, by status: Fastify serializes with them. Problems are described by `problems`. */
  response: Readonly<Record<number, JsonSchema>>;
}

export interface ServerRoute<G extends RouteGenericInterface = RouteGenericInterface> {
  method: 'GET' | 'POST';
  url: string;
  operationId: string;
  summary: string;
  description?: string;
  /** Needs a reviewer's bearer token (unless the server runs with insecureNoAuth). */
  reviewerAuth?: boolean;
  schema: RouteSchema;
  /** The media type of a 2xx body, when it is not application/json. */
  produces?: string;
  /** The problem statuses the route answers with, besides 500. */
  problems: readonly number[];
  // A method, not a property: a route of any request type is a ServerRoute.
  handler(request: FastifyRequest<G>, reply: FastifyReply): Promise<unknown>;
}

/** What a route handler works with. */
export interface RouteContext {
  gate: Gate;
  metrics: ServerMetrics;
  /** Verifies a reviewer's bearer token; undefined under insecureNoAuth. */
  verifier: IdentityVerifier | undefined;
  policies(): readonly CompiledPolicy[];
  closing(): boolean;
}

/** The token of an `Authorization: Bearer <token>` header, if there is one. */
export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header === undefined) return undefined;
  const match = /^Bearer[ \t]+([^\s]+)\s*$/i.exec(header);
  return match?.[1];
}

// RFC 9457 problem details: every response that is not a 2xx is one, with
// `code` naming the kind so a client can branch on it.
import type { FastifyReply } from 'fastify';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  [extension: string]: unknown;
}

const TITLES: Readonly<Record<number, string>> = {
  400: 'Bad request',
  401: 'Unauthenticated',
  403: 'Forbidden',
  404: 'Not found',
  409: 'Conflict',
  413: 'Body too large',
  415: 'Unsupported media type',
  422: 'Unprocessable request',
  500: 'Internal error',
  503: 'Service unavailable',
};

/** The reason phrase of a status the server answers with, for titles and the OpenAPI document. */
export function statusTitle(status: number): string {
  return TITLES[status] ?? (status >= 500 ? 'Server error' : 'Request error');
}

/** A problem of `status`, typed by `code` (https://oversight.dev/problems/<code>). */
export function problem(status: number, code: string, detail: string, extensions: Record<string, unknown> = {}): Problem {
  return { type: `https://oversight.dev/problems/${code}`, title: statusTitle(status), status, detail, code, ...extensions };
}

/** A request the server refuses before (or instead of) asking the gate: thrown, and answered by the error handler. */
export class RequestError extends Error {
  override readonly name = 'RequestError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** Sends a problem as `application/problem+json`; a 401 also says how to authenticate. */
export function sendProblem(reply: FastifyReply, body: Problem): FastifyReply {
  if (body.status === 401) reply.header('www-authenticate', 'Bearer realm="oversight"');
  // Serialized here, so no route's response schema applies to it.
  return reply.code(body.status).type('application/problem+json').send(JSON.stringify(body));
}

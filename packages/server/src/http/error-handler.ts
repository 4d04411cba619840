// One place turns every error into a problem: the gate's refusals by code,
// Fastify's request errors (validation, body limit, media type) by theirs, and
// anything else into a 500 whose detail says nothing of the internals (the
// error itself goes to the log).
import type { FastifyError, FastifyReply, FastifyRequest, FastifySchemaValidationError } from 'fastify';
import { GateError, type GateErrorCode } from '@oversight/gate';
import type { ServerLog } from '../server-log.js';
import { problem, RequestError, sendProblem, type Problem } from './problem.js';

/** Every gate error code has a status: a new code fails to compile until it is mapped here. */
const GATE_STATUS: Readonly<Record<GateErrorCode, number>> = {
  'unknown-policy': 404,
  'not-found': 404,
  'invalid-input': 422,
  'reason-required': 422,
  'edited-facts-required': 422,
  'no-escalation': 422,
  settled: 409,
  expired: 409,
  'duplicate-approver': 409,
  'wrong-role': 403,
  'self-approval': 403,
  'identity-mismatch': 403,
  unauthenticated: 401,
  'store-failed': 503,
};

/** Fastify's own request errors, by code, and the problem code each becomes. */
const FASTIFY_CODES: Readonly<Record<string, string>> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'body-too-large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported-media-type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'invalid-content-length',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'malformed-json',
  FST_ERR_CTP_INVALID_JSON_BODY: 'malformed-json',
};

/** Fastify's error handler: every error becomes a problem; those behind a 5xx are logged. */
export function createErrorHandler(log: ServerLog, bodyLimit: number) {
  return function handleError(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
    const body = problemFor(error, bodyLimit);
    if (body.status >= 500) log.error(`${request.method} ${request.url} answered ${body.status} (${body.code})`, error);
    return sendProblem(reply, body);
  };
}

/** The problem an error is, by its kind and code; anything unknown is a 500 that says nothing of it. */
export function problemFor(error: unknown, bodyLimit: number): Problem {
  if (error instanceof GateError) {
    const status = GATE_STATUS[error.code] as number | undefined;
    if (status !== undefined) return problem(status, error.code, error.message);
  }
  if (error instanceof RequestError) return problem(error.status, error.code, error.message, error.extensions);
  const fastify = error as Partial<FastifyError>;
  if (fastify.validation !== undefined) {
    const errors = fastify.validation.map((item) => describeValidation(item, fastify.validationContext ?? 'request'));
    return problem(400, 'invalid-request', errors.map((item) => item.message).join('; '), { errors });
  }
  if (fastify.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return problem(413, 'body-too-large', `the request body is larger than the limit of ${bodyLimit.toLocaleString('en-US')} bytes`, { limit: bodyLimit });
  }
  const status = fastify.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    // Fastify's messages for its request errors name no internals.
    return problem(status, FASTIFY_CODES[fastify.code ?? ''] ?? 'bad-request', fastify.message ?? 'the request was refused');
  }
  return problem(500, 'internal', 'the server could not answer this request; the error is in its log');
}

/** `body/proposer/id must NOT have fewer than 1 characters`: the field and what is wrong with it. */
function describeValidation(item: FastifySchemaValidationError, where: string): { in: string; field: string; message: string } {
  const params = item.params;
  const named = typeof params.missingProperty === 'string' ? params.missingProperty : typeof params.additionalProperty === 'string' ? params.additionalProperty : undefined;
  const path = item.instancePath.replace(/^\//, '');
  const field = [path, named].filter((part) => part !== undefined && part !== '').join('/');
  const what = item.keyword === 'additionalProperties' ? `has a field it does not accept: ${named}` : (item.message ?? 'is invalid');
  const allowed = Array.isArray(params.allowedValues) ? ` (${params.allowedValues.map(String).join(', ')})` : '';
  return { in: where, field, message: `${where}${path === '' ? '' : `/${path}`} ${what}${allowed}` };
}

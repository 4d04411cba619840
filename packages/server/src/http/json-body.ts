// Request bodies are read as every Oversight entry point reads JSON: with
// core's parseJson (length and depth limits, a key repeated at any depth
// found). Malformed JSON is a request error. A repeated key is not, where the
// body is facts: those facts get the policy's onError decision (invalid-json),
// as `oversight eval` gives it, and the decision is logged like any other.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { JSON_LIMITS, parseJson, type DecisionError, type JsonError } from '@oversight/core';
import { RequestError } from './problem.js';

/** The repeated key each request's body held, when it held one. */
const repeatedKeys = new WeakMap<FastifyRequest, JsonError>();

/** Replaces every body parser with one for application/json (anything else is a 415). */
export function registerJsonBody(app: FastifyInstance, bodyLimit: number): void {
  const limits = { maxLength: bodyLimit, maxDepth: JSON_LIMITS.maxDepth };
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit }, (request, body, done) => {
    const text = body as string;
    const parsed = parseJson(text, limits);
    if (parsed.ok) {
      done(null, parsed.value);
    } else if (parsed.error.key !== undefined) {
      // Valid JSON whose last value for the key won: the route decides what a repeat means for it.
      repeatedKeys.set(request, parsed.error);
      done(null, JSON.parse(text));
    } else {
      done(new RequestError(400, 'malformed-json', `the body is not JSON the server can read: ${parsed.error.message}`), undefined);
    }
  });
}

/**
 * For a body that is facts (`at: ''`) or holds them under `facts`: the
 * decision error a repeated key inside the facts is, for onError to decide.
 * A repeated key anywhere else in the body is a request error.
 */
export function factsInputError(request: FastifyRequest, at: '' | 'facts'): DecisionError | undefined {
  const repeated = repeatedKeys.get(request);
  if (repeated === undefined) return undefined;
  const inFacts = at === '' || repeated.path?.startsWith(`${at}.`) === true || repeated.path?.startsWith(`${at}[`) === true;
  if (!inFacts) throw repeatedKeyError(repeated);
  return { code: 'invalid-json', message: repeated.message };
}

/** Refuses a body that repeats a key: an answer or a claim must say one thing. */
export function requireDistinctKeys(request: FastifyRequest): void {
  const repeated = repeatedKeys.get(request);
  if (repeated !== undefined) throw repeatedKeyError(repeated);
}

function repeatedKeyError(repeated: JsonError): RequestError {
  return new RequestError(400, 'repeated-key', `the body names a key twice (${repeated.message}); send each key once`);
}

// Reading, answering and claiming proposals. Answers and the review queue are
// a reviewer's: their identity comes from the bearer token (through the gate's
// identity verifier), and the gate refuses an answer whose body says otherwise.
import { RequestError } from '../http/problem.js';
import { requireDistinctKeys } from '../http/json-body.js';
import { ref } from '../schemas/json-schema.js';
import { answerBody, answerResponse, claimBody, claimResponse, idParams, listQuery, listResponse, type AnswerBody, type ClaimBody, type IdParams, type ListQuery } from '../schemas/requests.js';
import { proposalBody } from './proposal-body.js';
import { bearerToken, type RouteContext, type ServerRoute } from './route.js';

/** Read, list, answer and claim proposals. */
export function proposalRoutes(context: RouteContext): ServerRoute[] {
  const { gate } = context;

  const read: ServerRoute<{ Params: IdParams }> = {
    method: 'GET',
    url: '/v1/proposals/:id',
    operationId: 'getProposal',
    summary: 'Read a proposal as it stands now',
    schema: { params: idParams, response: { 200: ref('Proposal') } },
    problems: [400, 404, 503],
    async handler(request) {
      const view = await gate.load(request.params.id);
      if (view === undefined) throw new RequestError(404, 'not-found', `no decision ${request.params.id} in this server's log`);
      return proposalBody(view);
    },
  };

  const list: ServerRoute<{ Querystring: ListQuery }> = {
    method: 'GET',
    url: '/v1/proposals',
    operationId: 'listProposals',
    summary: 'List the proposals waiting for a person, oldest first',
    reviewerAuth: true,
    schema: { querystring: listQuery, response: { 200: listResponse } },
    problems: [400, 401, 503],
    async handler(request) {
      if (context.verifier) await context.verifier.verify(bearerToken(request));
      const { reviewer } = request.query;
      const views = await gate.pending(reviewer === undefined ? {} : { role: reviewer });
      return { proposals: views.map(proposalBody) };
    },
  };

  const answer: ServerRoute<{ Params: IdParams; Body: AnswerBody }> = {
    method: 'POST',
    url: '/v1/proposals/:id/answer',
    operationId: 'answerProposal',
    summary: 'Approve, reject, edit or escalate a proposal',
    description: 'The reviewer is the one the bearer token names. An edit that makes the action riskier is routed again: the new proposal is `rerouted`.',
    reviewerAuth: true,
    schema: { params: idParams, body: answerBody, response: { 200: answerResponse } },
    problems: [400, 401, 403, 404, 409, 413, 415, 422, 503],
    async handler(request) {
      requireDistinctKeys(request);
      const result = await gate.answer(request.params.id, request.body, context.verifier ? { credential: bearerToken(request) } : {});
      if (result.rerouted?.decision) context.metrics.decided(result.rerouted.decision);
      return { ...proposalBody(result), ...(result.rerouted && { rerouted: proposalBody(result.rerouted) }) };
    },
  };

  const claim: ServerRoute<{ Params: IdParams; Body: ClaimBody }> = {
    method: 'POST',
    url: '/v1/proposals/:id/claim',
    operationId: 'claimProposal',
    summary: 'Claim a decision to run it, once, with exactly the facts decided or approved',
    description:
      'Call just before acting. 200 means run the action with `facts`; a second claim of the same decision is refused (409 already-executed), after a restart too. 409 not-runnable: it may not run (yet); facts-differ: the facts are not those approved; not-durable: its answer is still being written, try again.',
    schema: { params: idParams, body: claimBody, response: { 200: claimResponse } },
    problems: [400, 404, 409, 413, 415, 503],
    async handler(request) {
      requireDistinctKeys(request);
      const authorization = await gate.claim(request.params.id, request.body.facts);
      if (!authorization.ok) throw new RequestError(authorization.code === 'not-found' ? 404 : 409, authorization.code, authorization.message);
      return authorization;
    },
  };

  return [read, list, answer, claim];
}

// Decide and propose: the facts of a proposed action in, a durable decision
// out. Invalid, undeclared or unreadable facts are not request errors: the
// policy's onError decides them, and that decision is logged like any other.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ProposalView, ProposeInput } from '@oversight/gate';
import { factsInputError } from '../http/json-body.js';
import { ref } from '../schemas/json-schema.js';
import { decideHeaders, decideResponse, policyParams, proposeBody, type DecideHeaders, type PolicyParams, type ProposeBody } from '../schemas/requests.js';
import { proposalBody } from './proposal-body.js';
import type { RouteContext, ServerRoute } from './route.js';

/** Proposes through the gate, timing the decision and counting it (a retried decisionKey gets the earlier one back, uncounted). */
async function propose(context: RouteContext, input: ProposeInput): Promise<ProposalView> {
  const started = performance.now();
  const view = await context.gate.propose(input);
  if (view.decision) context.metrics.decided(view.decision, (performance.now() - started) / 1000);
  return view;
}

/** POST /v1/decide/:policy and POST /v1/proposals. */
export function decideRoutes(context: RouteContext): ServerRoute[] {
  const decide: ServerRoute<{ Params: PolicyParams; Body: Record<string, unknown>; Headers: DecideHeaders }> = {
    method: 'POST',
    url: '/v1/decide/:policy',
    operationId: 'decide',
    summary: 'Decide a proposed action under a policy',
    description:
      "The body is the action's facts. The decision is logged before the response is sent. Facts that are invalid, undeclared or repeat a key get the policy's onError decision (with the error in `decision.error`), never a request error.",
    schema: { params: policyParams, headers: decideHeaders, body: ref('Facts'), response: { 200: decideResponse } },
    problems: [400, 404, 413, 415, 422, 503],
    async handler(request) {
      const inputError = factsInputError(request, '');
      const key = request.headers['idempotency-key'];
      const view = await propose(context, {
        policy: request.params.policy,
        facts: inputError ? {} : request.body,
        proposer: { id: request.headers['x-oversight-proposer'] ?? 'http' },
        ...(key !== undefined && { decisionKey: key }),
        ...(inputError && { inputError }),
      });
      const { proposal } = view;
      return { decisionId: proposal.id, status: proposal.status, effect: view.effect, route: proposal.route, runFacts: view.runFacts, decision: view.decision };
    },
  };

  const create: ServerRoute<{ Body: ProposeBody }> = {
    method: 'POST',
    url: '/v1/proposals',
    operationId: 'propose',
    summary: 'Propose an action: decide it and, when a person must answer, hold it for them',
    description: 'Answers 201 with the new proposal, or 200 with the earlier one when decisionKey repeats a proposal with the same facts.',
    schema: { body: proposeBody, response: { 200: ref('Proposal'), 201: ref('Proposal') } },
    problems: [400, 404, 413, 415, 422, 503],
    async handler(request: FastifyRequest<{ Body: ProposeBody }>, reply: FastifyReply) {
      const inputError = factsInputError(request, 'facts');
      const { policy, facts, proposer, decisionKey } = request.body;
      const view = await propose(context, {
        policy,
        facts: inputError ? {} : facts,
        proposer,
        ...(decisionKey !== undefined && { decisionKey }),
        ...(inputError && { inputError }),
      });
      reply.code(view.decision ? 201 : 200).header('location', `/v1/proposals/${encodeURIComponent(view.proposal.id)}`);
      return proposalBody(view);
    },
  };

  return [decide, create];
}

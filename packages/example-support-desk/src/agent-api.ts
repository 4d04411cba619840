// The agent's side, JSON over HTTP: propose an action, poll for the answer,
// and ask, just before acting, whether these exact facts may run. (A real
// service authenticates its agents here; the demo leaves these open on loopback.)
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Proposer } from '@oversight/gate';
import type { DeskContext } from './desk-context.js';
import { isRecord, readJsonObject } from './http/body.js';
import { HttpError } from './http/http-error.js';
import { sendError, sendJson } from './http/respond.js';

/** POST /agent/propose `{ facts, proposer?, decisionKey? }` → 201 `{ id, effect, route, reviewer, deadline, runFacts? }`. */
export async function propose(request: IncomingMessage, response: ServerResponse, desk: DeskContext): Promise<void> {
  const body = await readJsonObject(request);
  if (!isRecord(body.facts)) throw new HttpError(400, 'invalid-input', 'send { "facts": { … } }: the facts of the proposed action, as an object');
  const proposer = proposerOf(body.proposer, desk);
  if (body.decisionKey !== undefined && typeof body.decisionKey !== 'string') throw new HttpError(400, 'invalid-input', 'decisionKey, when given, is a string: your id for the action');
  const view = await desk.gate.propose({ policy: desk.policy.name, facts: body.facts, proposer, ...(body.decisionKey !== undefined && { decisionKey: body.decisionKey }) });
  const { proposal } = view;
  sendJson(
    response,
    201,
    { id: proposal.id, effect: view.effect, route: proposal.route, reviewer: proposal.reviewer, deadline: proposal.deadline, ...(view.runFacts && { runFacts: view.runFacts }) },
    { location: `/agent/decisions/${encodeURIComponent(proposal.id)}` },
  );
}

/** GET /agent/decisions/:id → the proposal view: `{ proposal, effect, runFacts? }`. */
export function decision(_request: IncomingMessage, response: ServerResponse, desk: DeskContext, id: string): void {
  const view = desk.gate.get(id);
  if (!view) return sendError(response, 404, 'not-found', `no decision ${id} in this desk's log`);
  sendJson(response, 200, view);
}

/** POST /agent/decisions/:id/authorize `{ facts }` → 200 `{ ok: true, facts, factsHash }`, or 409 (404 when unknown) `{ ok: false, code, message }`. */
export async function authorize(request: IncomingMessage, response: ServerResponse, desk: DeskContext, id: string): Promise<void> {
  const body = await readJsonObject(request);
  if (!isRecord(body.facts)) throw new HttpError(400, 'invalid-input', 'send { "facts": { … } }: exactly the facts you are about to act on');
  const result = desk.gate.authorize(id, body.facts);
  sendJson(response, result.ok ? 200 : result.code === 'not-found' ? 404 : 409, result);
}

function proposerOf(value: unknown, desk: DeskContext): Proposer {
  if (value === undefined) return desk.defaultProposer;
  if (!isRecord(value) || typeof value.id !== 'string' || (value.kind !== undefined && typeof value.kind !== 'string')) {
    throw new HttpError(400, 'invalid-input', 'proposer, when given, is { "id": string, "kind"?: string }');
  }
  return { id: value.id, ...(value.kind !== undefined && { kind: value.kind }) };
}

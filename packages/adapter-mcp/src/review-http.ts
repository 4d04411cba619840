// A small loopback HTTP endpoint for reviewers of the calls a proxy holds: the
// command-line proxy serves MCP on stdio, so a person answers here (or through
// any tool that speaks to it) rather than through the agent's channel.
import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from 'node:http';
import { GateError, renderPacket } from '@oversight/gate';
import type { OversightProxy } from './proxy.js';
import type { ToolCallAnswer } from './types.js';

const MAX_BODY_BYTES = 1024 * 1024;

export interface ReviewServerOptions {
  /** Every request must carry `Authorization: Bearer <token>`. */
  token: string;
}

/**
 * Routes, all behind the bearer token:
 * - `GET /held`: the calls waiting for a person, as JSON (`id`, `call`,
 *   `route`, `reviewer`, `deadline`, `packet` as text);
 * - `POST /held/<id>`: answers one; the body is a {@link ToolCallAnswer}
 *   (`decision`, `reviewer`, `reason`, `editedArguments` or `editedFacts`).
 *
 * The reviewer is who the body says: bind it to loopback and keep the token to
 * the people who may answer (the gate's identity verifier is the stronger way).
 */
export function createReviewServer(proxy: OversightProxy, options: ReviewServerOptions): HttpServer {
  if (options.token.length < 16) throw new Error('the review token must be at least 16 characters');
  const expected = Buffer.from(`Bearer ${options.token}`);
  return createServer((req, res) => {
    handle(proxy, expected, req, res).catch((error: unknown) => send(res, 500, { error: error instanceof Error ? error.message : String(error) }));
  });
}

async function handle(proxy: OversightProxy, expected: Buffer, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const given = Buffer.from(req.headers.authorization ?? '');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return send(res, 401, { error: 'send Authorization: Bearer <review token>' });
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  if (req.method === 'GET' && path === '/held') {
    const held = await Promise.all(
      proxy.pending().map(async (view) => ({
        id: view.proposal.id,
        call: await proxy.callOf(view.proposal).catch(() => undefined),
        route: view.proposal.route,
        reviewer: view.proposal.reviewer,
        deadline: view.proposal.deadline,
        packet: renderPacket(view.proposal, 'text'),
      })),
    );
    return send(res, 200, held);
  }
  const match = /^\/held\/([^/]+)$/.exec(path);
  if (req.method === 'POST' && match) {
    let answer: ToolCallAnswer;
    try {
      answer = JSON.parse(await readBody(req)) as ToolCallAnswer;
    } catch (error) {
      return send(res, 400, { error: `the body must be a JSON answer: ${error instanceof Error ? error.message : String(error)}` });
    }
    try {
      const result = await proxy.answer(decodeURIComponent(match[1]!), answer);
      return send(res, 200, { id: result.proposal.id, status: result.proposal.status, effect: result.effect, ...(result.rerouted && { rerouted: { id: result.rerouted.proposal.id, route: result.rerouted.proposal.route, reviewer: result.rerouted.proposal.reviewer } }) });
    } catch (error) {
      if (error instanceof GateError) return send(res, error.code === 'not-found' ? 404 : error.code === 'store-failed' ? 503 : 409, { error: error.message, code: error.code });
      throw error;
    }
  }
  return send(res, 404, { error: 'GET /held, or POST /held/<id> with an answer' });
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('the body is over 1 MB'));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

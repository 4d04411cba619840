// Which handler answers which request, and how a refusal is told: as JSON
// `{ error: { code, message } }` to the agent, as a page to a person.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { GateError } from '@oversight/gate';
import { authorize, decision, propose } from './agent-api.js';
import type { DeskContext } from './desk-context.js';
import { GATE_ERROR_STATUS } from './http/gate-error-status.js';
import { HttpError } from './http/http-error.js';
import { sendError, sendPage } from './http/respond.js';
import { errorPage } from './pages/error-page.js';
import { answer, home, login, logout } from './reviewer-pages.js';

type Handler = (request: IncomingMessage, response: ServerResponse, desk: DeskContext, id: string) => Promise<void> | void;

interface Route {
  method: 'GET' | 'POST';
  /** Matched against the path; a capture is the decision id (percent-decoded). */
  path: RegExp;
  /** Who calls it: the agent (JSON) or a person's browser (pages). */
  audience: 'agent' | 'reviewer';
  handle: Handler;
}

const ROUTES: readonly Route[] = [
  { method: 'GET', path: /^\/$/, audience: 'reviewer', handle: home },
  { method: 'POST', path: /^\/login$/, audience: 'reviewer', handle: login },
  { method: 'POST', path: /^\/logout$/, audience: 'reviewer', handle: logout },
  { method: 'POST', path: /^\/decisions\/([^/]+)\/answer$/, audience: 'reviewer', handle: answer },
  { method: 'POST', path: /^\/agent\/propose$/, audience: 'agent', handle: propose },
  { method: 'GET', path: /^\/agent\/decisions\/([^/]+)$/, audience: 'agent', handle: decision },
  { method: 'POST', path: /^\/agent\/decisions\/([^/]+)\/authorize$/, audience: 'agent', handle: authorize },
];

export async function route(request: IncomingMessage, response: ServerResponse, desk: DeskContext): Promise<void> {
  const path = new URL(request.url ?? '/', 'http://desk.invalid').pathname;
  const audience = path.startsWith('/agent/') ? 'agent' : 'reviewer';
  try {
    const matching = ROUTES.filter((candidate) => candidate.path.test(path));
    if (matching.length === 0) throw new HttpError(404, 'not-found', `nothing at ${path}`);
    const found = matching.find((candidate) => candidate.method === request.method);
    if (!found) throw new HttpError(405, 'method-not-allowed', `${path} takes ${matching.map((candidate) => candidate.method).join(', ')}`);
    await found.handle(request, response, desk, decodeId(found.path.exec(path)?.[1]));
  } catch (error) {
    refuse(response, audience, error);
  }
}

function decodeId(captured: string | undefined): string {
  if (captured === undefined) return '';
  try {
    return decodeURIComponent(captured);
  } catch {
    throw new HttpError(400, 'invalid-input', 'the decision id in the path is not valid percent-encoding');
  }
}

function refuse(response: ServerResponse, audience: 'agent' | 'reviewer', error: unknown): void {
  const { status, code, message } = describe(error);
  if (status >= 500) console.error('support desk:', error);
  if (response.headersSent) return void response.destroy();
  // A body over the cap is not read to its end: the connection closes after the answer.
  const headers: Record<string, string> = status === 413 ? { connection: 'close' } : {};
  if (audience === 'agent') return sendError(response, status, code, message, headers);
  for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
  sendPage(response, status, errorPage(status, message));
}

function describe(error: unknown): { status: number; code: string; message: string } {
  if (error instanceof HttpError) return { status: error.status, code: error.code, message: error.message };
  if (error instanceof GateError) return { status: GATE_ERROR_STATUS[error.code], code: error.code, message: error.message };
  return { status: 500, code: 'internal', message: 'the desk failed to handle this request; its console says why' };
}

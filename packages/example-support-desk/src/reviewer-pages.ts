// The reviewer's side, HTML forms: sign in (demo), see the queue, answer a
// card, sign out. The answer's identity comes from the signed session cookie,
// through the gate's identity verifier, never from the form.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ANSWER_DECISIONS, GateError, type AnswerDecision, type AnswerInput } from '@oversight/gate';
import { answerMessage } from './answer-message.js';
import type { DeskContext } from './desk-context.js';
import { flashLocation, readFlash, type Flash } from './flash.js';
import { readForm } from './http/body.js';
import { clearedSessionCookie, readCookie, SESSION_COOKIE, sessionCookie } from './http/cookies.js';
import { HttpError } from './http/http-error.js';
import { redirect, sendPage } from './http/respond.js';
import { loginPage } from './pages/login-page.js';
import { queuePage } from './pages/queue-page.js';
import type { Session } from './session.js';

const MAX_REVIEWER_ID = 100;
const MAX_REASON = 2000;

/** GET / → the queue for the signed-in reviewer, or the sign-in form. */
export function home(request: IncomingMessage, response: ServerResponse, desk: DeskContext): void {
  const flash = readFlash(desk.sessions, new URL(request.url ?? '/', 'http://desk.invalid').searchParams);
  const signedIn = currentSession(request, desk);
  if (!signedIn) return sendPage(response, 200, loginPage(desk.policy, flash));
  sendPage(response, 200, queuePage(desk, signedIn.session, desk.sessions.csrfToken(signedIn.token), flash));
}

/** POST /login (reviewer, role) → sets the session cookie. */
export async function login(request: IncomingMessage, response: ServerResponse, desk: DeskContext): Promise<void> {
  refuseCrossOrigin(request);
  const form = await readForm(request);
  const id = (form.get('reviewer') ?? '').trim();
  const role = form.get('role') ?? '';
  if (id === '' || id.length > MAX_REVIEWER_ID || /\p{Cc}/u.test(id)) return back(response, desk, { kind: 'error', text: `Enter your reviewer id: 1 to ${MAX_REVIEWER_ID} characters, such as your work email` });
  if (!desk.roles.includes(role)) return back(response, desk, { kind: 'error', text: `Pick one of the roles policy ${desk.policy.name} declares: ${desk.roles.join(', ')}` });
  const token = desk.sessions.issue({ id, role });
  redirect(response, flashLocation(desk.sessions, { kind: 'ok', text: `Signed in as ${id} (${role})` }), { 'set-cookie': sessionCookie(token) });
}

/** POST /logout (csrf) → clears the session cookie. */
export async function logout(request: IncomingMessage, response: ServerResponse, desk: DeskContext): Promise<void> {
  refuseCrossOrigin(request);
  const form = await readForm(request);
  const signedIn = currentSession(request, desk);
  if (signedIn) refuseForgedForm(desk, signedIn.token, form);
  redirect(response, flashLocation(desk.sessions, { kind: 'ok', text: 'Signed out' }), { 'set-cookie': clearedSessionCookie() });
}

/** POST /decisions/:id/answer (csrf, decision, reason, amount) → the gate's answer, then back to the queue with what happened. */
export async function answer(request: IncomingMessage, response: ServerResponse, desk: DeskContext, id: string): Promise<void> {
  refuseCrossOrigin(request);
  const form = await readForm(request);
  const signedIn = currentSession(request, desk);
  if (!signedIn) return back(response, desk, { kind: 'error', text: 'Sign in to answer: there is no signed-in reviewer (the session ended, or the desk restarted)' });
  refuseForgedForm(desk, signedIn.token, form);
  const input = answerInput(desk, id, form);
  if (typeof input === 'string') return back(response, desk, { kind: 'error', text: input });
  try {
    const result = await desk.gate.answer(id, input, { credential: signedIn.token });
    back(response, desk, { kind: 'ok', text: answerMessage(input.decision, result) });
  } catch (error) {
    if (!(error instanceof GateError) || error.code === 'store-failed') throw error;
    back(response, desk, { kind: 'error', text: `Not recorded: ${error.message}` });
  }
}

/** The answer a form asks for, or why it cannot be sent (nothing is recorded then). */
function answerInput(desk: DeskContext, id: string, form: URLSearchParams): AnswerInput | string {
  const decision = form.get('decision');
  if (!isAnswerDecision(decision)) return `Press one of ${ANSWER_DECISIONS.join(', ')} to answer`;
  const postedId = form.get('id');
  if (postedId !== null && postedId !== id) return `The form names decision ${postedId} but was sent for ${id}: reload the queue and answer again`;
  const reason = (form.get('reason') ?? '').trim().slice(0, MAX_REASON);
  const proposal = desk.gate.get(id)?.proposal;
  if (!proposal) return `No decision ${id} in this desk's log`;
  const amountText = (form.get('amount') ?? '').trim();
  const amount = amountText === '' ? undefined : parseAmount(amountText);
  if (amountText !== '' && amount === undefined) return `Enter the amount as a number, such as 90 or 90.50 (not "${amountText}")`;
  const changed = amount !== undefined && amount !== proposal.facts.amount;
  if (decision !== 'edit') {
    if (changed) return `You changed the amount of ${id} to ${amount} but pressed ${decision}: press Edit to send a changed amount. Nothing was recorded`;
    return { decision, ...(reason !== '' && { reason }) };
  }
  if (!changed) return `Edit changes the amount: enter the amount ${id} should have, or approve it as it is. Nothing was recorded`;
  // The whole action as it should run: the proposed facts with the new amount.
  return { decision, ...(reason !== '' && { reason }), editedFacts: { ...proposal.facts, amount } };
}

export function currentSession(request: IncomingMessage, desk: DeskContext): { session: Session; token: string } | undefined {
  const token = readCookie(request.headers.cookie, SESSION_COOKIE);
  const session = desk.sessions.verify(token);
  if (token === undefined || !session || !desk.roles.includes(session.reviewer.role)) return undefined;
  return { session, token };
}

function back(response: ServerResponse, desk: DeskContext, flash: Flash): void {
  redirect(response, flashLocation(desk.sessions, flash));
}

function refuseForgedForm(desk: DeskContext, token: string, form: URLSearchParams): void {
  if (!desk.sessions.checkCsrf(token, form.get('csrf'))) {
    throw new HttpError(403, 'csrf', 'This form did not come from your signed-in queue page (its CSRF token is missing or wrong). Nothing was recorded: go back to the queue, reload it and answer again.');
  }
}

// A browser names the page a form was posted from: from another origin, it is refused
// (this covers the sign-in form, which has no session, and so no CSRF token, yet).
function refuseCrossOrigin(request: IncomingMessage): void {
  const origin = request.headers.origin;
  if (origin !== undefined && origin !== `http://${request.headers.host ?? ''}`) {
    throw new HttpError(403, 'cross-origin', `A page at ${origin} may not post to this desk. Nothing was recorded.`);
  }
}

function isAnswerDecision(value: string | null): value is AnswerDecision {
  return (ANSWER_DECISIONS as readonly (string | null)[]).includes(value);
}

function parseAmount(text: string): number | undefined {
  if (!/^\d{1,12}(?:\.\d{1,6})?$/.test(text)) return undefined;
  return Number(text);
}

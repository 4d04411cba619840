// The desk over HTTP, with fetch: the agent proposes, polls and authorizes in
// JSON; a reviewer signs in and answers with form posts, as a browser would.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isEventLine, type LogEntry, type SettledRecord } from '@oversight/gate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSupportDesk, type SupportDesk } from '../src/support-desk.js';
import { AgentClient, cardIds, FakeClock, flashOf, FormClient, refund, sequentialIds, tempDir, type ProposeResponse } from './fixtures.js';

let desk: SupportDesk;
let clock: FakeClock;
let logPath: string;
let removeDir: () => Promise<void>;
let agent: AgentClient;
let ana: FormClient;

beforeEach(async () => {
  const temp = await tempDir();
  removeDir = temp.remove;
  logPath = join(temp.dir, 'desk.decisions.jsonl');
  clock = new FakeClock();
  desk = await createSupportDesk({ logPath, clock: clock.now, newId: sequentialIds() });
  agent = new AgentClient(desk.url);
  ana = new FormClient(desk.url);
});

afterEach(async () => {
  await desk.close();
  await removeDir();
});

async function settledRecords(): Promise<SettledRecord[]> {
  const lines = (await readFile(logPath, 'utf8')).trimEnd().split('\n');
  return lines.map((line) => JSON.parse(line) as LogEntry).filter((entry): entry is SettledRecord => !isEventLine(entry));
}

describe('the agent', () => {
  it('proposes: a small refund runs at once, a larger one waits for a support lead; it polls the view and authorizes exactly the facts decided', async () => {
    const small = await agent.propose(refund(30));
    expect(small).toEqual({ id: 'd-0001', effect: 'run', route: 'auto', runFacts: refund(30) });
    const large = await agent.propose(refund(120), { proposer: { id: 'triage-bot', kind: 'agent' }, decisionKey: 'ticket-8812' });
    expect(large).toEqual<ProposeResponse>({ id: 'd-0002', effect: 'wait', route: 'approve_before', reviewer: 'support-lead', deadline: '2026-12-02T13:00:00.000Z' });

    const polled = await agent.get('/agent/decisions/d-0002');
    expect(polled.status).toBe(200);
    expect(await polled.json()).toMatchObject({ effect: 'wait', proposal: { id: 'd-0002', status: 'pending', proposer: { id: 'triage-bot' }, decisionKey: 'ticket-8812' } });

    const ran = await agent.post('/agent/decisions/d-0001/authorize', { facts: refund(30) });
    expect(ran.status).toBe(200);
    expect(await ran.json()).toMatchObject({ ok: true, facts: refund(30) });
    const waiting = await agent.post('/agent/decisions/d-0002/authorize', { facts: refund(120) });
    expect(waiting.status).toBe(409);
    expect(await waiting.json()).toMatchObject({ ok: false, code: 'not-runnable' });
    expect((await agent.post('/agent/decisions/d-0001/authorize', { facts: refund(31) })).status).toBe(409);
    expect((await agent.post('/agent/decisions/nope/authorize', { facts: refund(30) })).status).toBe(404);
    expect((await agent.get('/agent/decisions/nope')).status).toBe(404);
  });

  it('is refused with a JSON error: bad JSON, no facts, a bad proposer, the wrong media type, a body over 1 MiB, an unknown path or method', async () => {
    const bad = await fetch(`${desk.url}/agent/propose`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"facts": {"amount": 1}, "facts": {}}' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: 'invalid-input', message: expect.stringContaining('not usable JSON') as unknown } });
    expect(await (await agent.post('/agent/propose', { facts: [] })).json()).toMatchObject({ error: { code: 'invalid-input' } });
    expect((await agent.post('/agent/propose', { facts: refund(30), proposer: { id: '' } })).status).toBe(400);
    expect((await agent.post('/agent/propose', { facts: refund(30), proposer: 'me' })).status).toBe(400);
    const form = await fetch(`${desk.url}/agent/propose`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'facts=1' });
    expect(form.status).toBe(415);
    const huge = await agent.post('/agent/propose', { facts: refund(30), padding: 'x'.repeat(1024 * 1024) });
    expect(huge.status).toBe(413);
    expect(await huge.json()).toMatchObject({ error: { code: 'body-too-large' } });
    expect((await agent.get('/agent/nothing')).status).toBe(404);
    expect((await agent.get('/agent/propose')).status).toBe(405);
    // Nothing above reached the log.
    expect(desk.gate.get('d-0001')).toBeUndefined();
  });
});

describe('a reviewer', () => {
  it('sees the sign-in form, with the demo notice, until signed in; then the queue of what their role may answer', async () => {
    await agent.propose(refund(120));
    await agent.propose(refund(640));
    const signedOut = await ana.page();
    expect(signedOut).toContain('<form class="login" method="post" action="/login">');
    expect(signedOut).toContain("This login is a stand-in for the service's real sign-in");
    expect(signedOut).toContain('<option value="support-lead">support-lead</option>');
    expect(cardIds(signedOut)).toEqual([]);

    await ana.signIn('ana@example.com', 'support-lead');
    const queue = await ana.page();
    expect(queue).toContain('Signed in as <strong>ana@example.com</strong> · support-lead');
    // The manager's refund is not the lead's to answer.
    expect(cardIds(queue)).toEqual(['d-0001']);
    expect(queue).toContain('<form class="oversight-choices" method="post" action="/decisions/d-0001/answer"><input type="hidden" name="id" value="d-0001"><div class="answer-fields">');
    const chen = new FormClient(desk.url);
    await chen.signIn('chen@example.com', 'support-manager');
    // A role higher in the chain may answer for the one below.
    expect(cardIds(await chen.page())).toEqual(['d-0001', 'd-0002']);
  });

  it('refuses a sign-in with no id or a role the policy does not declare', async () => {
    const noId = await ana.post('/login', { reviewer: ' ', role: 'support-lead' });
    expect(noId.status).toBe(303);
    expect(ana.cookie).toBeUndefined();
    expect(flashOf(await ana.page(noId.headers.get('location')!))?.text).toContain('Enter your reviewer id');
    const noRole = await ana.post('/login', { reviewer: 'ana@example.com', role: 'cfo' });
    expect(ana.cookie).toBeUndefined();
    expect(flashOf(await ana.page(noRole.headers.get('location')!))?.text).toContain('Pick one of the roles policy support-refunds declares: support-lead, support-manager, fraud-analyst, finance-controller');
  });

  it('approves with a form post: the identity is the session, never the form; the agent may then run exactly those facts', async () => {
    await agent.propose(refund(120));
    await ana.signIn('ana@example.com', 'support-lead');
    const flash = await ana.answer('d-0001', { decision: 'approve', reviewer: 'mallory@example.com', role: 'finance-controller' });
    expect(flash).toEqual({ kind: 'ok', text: 'Approved d-0001: the refund may run' });
    expect(cardIds(await ana.page())).toEqual([]);
    expect((await settledRecords())[0]).toMatchObject({ decisionId: 'd-0001', outcome: { decision: 'approved', reviewerId: 'ana@example.com', reviewer: 'support-lead' } });
    const authorized = await agent.post('/agent/decisions/d-0001/authorize', { facts: refund(120) });
    expect(authorized.status).toBe(200);
    expect(await (await agent.get('/agent/decisions/d-0001')).json()).toMatchObject({ effect: 'run', runFacts: refund(120), proposal: { status: 'approved' } });
  });

  it('rejects only with a reason, and edits into a riskier amount that is routed again to a manager', async () => {
    await agent.propose(refund(180));
    await agent.propose(refund(150));
    await ana.signIn('ana@example.com', 'support-lead');
    const noReason = await ana.answer('d-0001', { decision: 'reject', reason: '' });
    expect(noReason.kind).toBe('error');
    expect(noReason.text).toMatch(/^Not recorded: .*reason/);
    expect(await ana.answer('d-0001', { decision: 'reject', reason: 'carrier photo shows the parcel intact' })).toEqual({ kind: 'ok', text: 'Rejected d-0001: the refund does not run' });
    expect((await settledRecords())[0]).toMatchObject({ outcome: { decision: 'rejected', reason: 'carrier photo shows the parcel intact' } });

    const edited = await ana.answer('d-0002', { decision: 'edit', reason: 'add shipping and the second item', amount: '700' });
    expect(edited).toEqual({ kind: 'ok', text: 'Edited into a riskier action: routed again as d-0003 to support-manager, who may approve it' });
    expect(desk.gate.get('d-0003')?.proposal).toMatchObject({ status: 'pending', reviewer: 'support-manager', linkedTo: 'd-0002', editedBy: 'ana@example.com', facts: refund(700) });
    expect(cardIds(await ana.page())).toEqual([]);
  });

  it('edits within the lead’s authority: the edited refund may run; a changed amount with another button, or an unchanged one with Edit, records nothing', async () => {
    await agent.propose(refund(120));
    await ana.signIn('ana@example.com', 'support-lead');
    expect((await ana.answer('d-0001', { decision: 'approve', amount: '90' })).text).toBe('You changed the amount of d-0001 to 90 but pressed approve: press Edit to send a changed amount. Nothing was recorded');
    expect((await ana.answer('d-0001', { decision: 'edit', reason: 'partial', amount: '120' })).text).toContain('Edit changes the amount');
    expect((await ana.answer('d-0001', { decision: 'edit', reason: 'partial', amount: 'ninety' })).text).toContain('Enter the amount as a number');
    expect(desk.gate.get('d-0001')?.proposal.status).toBe('pending');
    expect(await ana.answer('d-0001', { decision: 'edit', reason: 'only one item arrived damaged', amount: '60' })).toEqual({ kind: 'ok', text: 'Edited d-0001 to 60 USD: the refund may run as edited' });
    expect((await agent.post('/agent/decisions/d-0001/authorize', { facts: refund(60) })).status).toBe(200);
    expect((await agent.post('/agent/decisions/d-0001/authorize', { facts: refund(120) })).status).toBe(409);
  });

  it('escalates to the manager, who then sees the card', async () => {
    await agent.propose(refund(120));
    await ana.signIn('ana@example.com', 'support-lead');
    expect(await ana.answer('d-0001', { decision: 'escalate', reason: 'reseller account' })).toEqual({ kind: 'ok', text: 'Escalated d-0001 to support-manager, to answer by 2026-12-03 09:00 UTC' });
    const chen = new FormClient(desk.url);
    await chen.signIn('chen@example.com', 'support-manager');
    const page = await chen.page();
    expect(cardIds(page)).toEqual(['d-0001']);
    expect(page).toContain('Escalated from support-lead by ana@example.com: reseller account');
  });

  it('cannot answer without a session, with a forged session, without the CSRF token or from another origin; nothing is recorded', async () => {
    await agent.propose(refund(120));
    const anonymous = await ana.post('/decisions/d-0001/answer', { decision: 'approve' });
    expect(anonymous.status).toBe(303);
    expect(flashOf(await ana.page(anonymous.headers.get('location')!))?.text).toContain('Sign in to answer');

    await ana.signIn('ana@example.com', 'support-lead');
    const csrf = await ana.csrf();
    expect((await ana.post('/decisions/d-0001/answer', { decision: 'approve' })).status).toBe(403);
    expect((await ana.post('/decisions/d-0001/answer', { decision: 'approve', csrf: 'x'.repeat(43) })).status).toBe(403);
    expect((await ana.post('/decisions/d-0001/answer', { decision: 'approve', csrf }, { origin: 'https://evil.example' })).status).toBe(403);

    const forger = new FormClient(desk.url);
    const [version, payload] = (ana.cookie ?? '').split('=')[1]!.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8')) as Record<string, unknown>;
    const raised = Buffer.from(JSON.stringify({ ...claims, role: 'finance-controller' })).toString('base64url');
    forger.cookie = `support_desk_session=${version}.${raised}.${ana.cookie!.split('.')[2]}`;
    expect(await forger.page()).toContain('<form class="login"');
    const forged = await forger.post('/decisions/d-0001/answer', { decision: 'approve', csrf });
    expect(flashOf(await forger.page(forged.headers.get('location')!))?.text).toContain('Sign in to answer');

    expect(desk.gate.get('d-0001')?.proposal.status).toBe('pending');
    // The same session's token still works.
    expect((await ana.answer('d-0001', { decision: 'approve' })).kind).toBe('ok');
  });

  it('signs out: the cookie is cleared and the page asks to sign in again', async () => {
    await ana.signIn('ana@example.com', 'support-lead');
    const out = await ana.post('/logout', { csrf: await ana.csrf() });
    expect(out.status).toBe(303);
    expect(ana.cookie).toBeUndefined();
    expect(await ana.page()).toContain('<form class="login"');
  });

  it('shows hostile text from the agent and the reviewer as text, and only the desk’s own signed flash messages', async () => {
    await agent.propose(refund(120, { orderId: '<script>alert(1)</script>', reasonCode: '"><img src=x onerror=alert(1)>' }));
    await ana.signIn('<b>ana</b>', 'support-lead');
    const page = await ana.page();
    expect(cardIds(page)).toEqual(['d-0001']);
    expect(page).not.toContain('<script>alert');
    expect(page).not.toContain('<img');
    expect(page).not.toContain('<b>ana</b>');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).not.toMatch(/<script/i);
    const spoofed = await ana.page('/?flash=Approved+everything&kind=ok&sig=forged');
    expect(flashOf(spoofed)).toBeUndefined();
  });

  it('serves pages that run no script and load nothing from elsewhere', async () => {
    const response = await ana.get('/');
    expect(response.headers.get('content-security-policy')).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'; form-action 'self'; frame-ancestors 'none'/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.text()).not.toMatch(/<script|<link|<img|src=|https?:\/\//i);
  });
});

describe('a restart', () => {
  it('rebuilds the pending approvals from the log: the reviewer answers them after the desk comes back', async () => {
    await agent.propose(refund(120));
    await agent.propose(refund(30));
    await desk.close();
    clock.advance('1h');
    desk = await createSupportDesk({ logPath, clock: clock.now, newId: sequentialIds('r') });
    const client = new FormClient(desk.url);
    await client.signIn('ana@example.com', 'support-lead');
    expect(cardIds(await client.page())).toEqual(['d-0001']);
    expect(desk.gate.get('d-0001')?.proposal.deadline).toBe('2026-12-02T13:00:00.000Z');
    expect((await client.answer('d-0001', { decision: 'approve' })).text).toBe('Approved d-0001: the refund may run');
    expect((await new AgentClient(desk.url).post('/agent/decisions/d-0002/authorize', { facts: refund(30) })).status).toBe(200);
  });
});

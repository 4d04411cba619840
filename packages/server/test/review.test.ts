// The review loop over HTTP with real tokens: a reviewer's identity comes from
// a JWT signed by a key the server trusts, never from the answer's body.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIENCE, ISSUER, json, refund, reviewerKeys, startTestServer, Workspace, type Reviewers, type TestServer } from './fixtures.js';

let test: TestServer;
let reviewers: Reviewers;

beforeAll(async () => {
  const workspace = new Workspace();
  reviewers = await reviewerKeys(workspace.dir);
  test = await startTestServer({ auth: { jwtKeyFile: reviewers.keyFile, issuer: ISSUER, audience: AUDIENCE } }, workspace);
});
afterAll(async () => {
  await test.close();
});

async function propose(amount: number, changes: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  const response = await test.server.app.inject({ method: 'POST', url: '/v1/proposals', payload: { policy: 'support-refunds', facts: refund(amount, changes), proposer: { id: 'refund-agent', kind: 'agent' } } });
  expect(response.statusCode).toBe(201);
  return json(response.body);
}

function answer(id: unknown, body: Record<string, unknown>, token?: string): Promise<LightMyRequestResponse> {
  const headers = token === undefined ? {} : { authorization: `Bearer ${token}` };
  return test.server.app.inject({ method: 'POST', url: `/v1/proposals/${String(id)}/answer`, payload: body, headers });
}

function claim(id: unknown, facts: Record<string, unknown>): Promise<LightMyRequestResponse> {
  return test.server.app.inject({ method: 'POST', url: `/v1/proposals/${String(id)}/claim`, payload: { facts } });
}

describe('answering with a bearer token', () => {
  it('approves as the person the token names; the service then claims the approved facts once', async () => {
    const proposal = await propose(120);
    const response = await answer(proposal.id, { decision: 'approve' }, await reviewers.token('ana@example.com', 'support-lead'));
    expect(response.statusCode).toBe(200);
    expect(json(response.body)).toMatchObject({ status: 'approved', effect: 'run', runFacts: refund(120), outcome: { decision: 'approved', reviewer: 'support-lead', reviewerId: 'ana@example.com' } });

    const first = await claim(proposal.id, refund(120));
    expect(first.statusCode).toBe(200);
    expect(json(first.body)).toEqual({ ok: true, facts: refund(120), factsHash: proposal.factsHash });
    const second = await claim(proposal.id, refund(120));
    expect(second.statusCode).toBe(409);
    expect(json(second.body)).toMatchObject({ code: 'already-executed', status: 409 });
  });

  it('refuses to claim what may not run, or facts other than those approved', async () => {
    const pending = await propose(130);
    expect(json((await claim(pending.id, refund(130))).body)).toMatchObject({ status: 409, code: 'not-runnable' });
    const approved = await propose(140);
    await answer(approved.id, { decision: 'approve' }, await reviewers.token('ana@example.com', 'support-lead'));
    expect(json((await claim(approved.id, refund(1400))).body)).toMatchObject({ status: 409, code: 'facts-differ' });
  });

  it('answers 401 with www-authenticate when the token is missing, forged, expired or names no role', async () => {
    const proposal = await propose(120);
    const tokens = [
      undefined,
      await reviewers.forgedToken('ana@example.com', 'support-lead'),
      await reviewers.token('ana@example.com', 'support-lead', { exp: Math.floor(Date.now() / 1000) - 3600 }),
      await reviewers.token('ana@example.com', ''),
    ];
    for (const token of tokens) {
      const response = await answer(proposal.id, { decision: 'approve' }, token);
      expect(response.statusCode).toBe(401);
      expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
      expect(json(response.body)).toMatchObject({ code: 'unauthenticated' });
    }
    const wrongAudience = await test.server.app.inject({ method: 'GET', url: '/v1/proposals?status=pending', headers: { authorization: `Bearer ${await reviewers.token('ana', 'support-lead', { aud: 'other' })}` } });
    expect(wrongAudience.statusCode).toBe(401);
  });

  it('answers 403 to a role the proposal does not wait on', async () => {
    const proposal = await propose(120);
    const response = await answer(proposal.id, { decision: 'approve' }, await reviewers.token('fred@example.com', 'fraud-analyst'));
    expect(response.statusCode).toBe(403);
    expect(json(response.body)).toMatchObject({ code: 'wrong-role' });
  });

  it('answers 403 when the body names another reviewer than the token', async () => {
    const proposal = await propose(120);
    const response = await answer(proposal.id, { decision: 'approve', reviewer: { id: 'boss@example.com', role: 'support-lead' } }, await reviewers.token('ana@example.com', 'support-lead'));
    expect(response.statusCode).toBe(403);
    expect(json(response.body)).toMatchObject({ code: 'identity-mismatch' });
  });

  it('answers 403 when the proposer approves its own action', async () => {
    const proposal = await propose(120);
    const response = await answer(proposal.id, { decision: 'approve' }, await reviewers.token('refund-agent', 'support-lead'));
    expect(response.statusCode).toBe(403);
    expect(json(response.body)).toMatchObject({ code: 'self-approval' });
  });

  it('lets one of two reviewers answering at once settle the proposal: one 200, one 409', async () => {
    const proposal = await propose(120);
    const [a, b] = await Promise.all([
      answer(proposal.id, { decision: 'approve' }, await reviewers.token('ana@example.com', 'support-lead')),
      answer(proposal.id, { decision: 'reject', reason: 'duplicate claim' }, await reviewers.token('ben@example.com', 'support-lead')),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    expect(json((a.statusCode === 409 ? a : b).body)).toMatchObject({ code: 'settled' });
  });

  it('routes an edit that makes the action riskier into a new proposal, returned as rerouted', async () => {
    const proposal = await propose(120);
    const response = await answer(proposal.id, { decision: 'edit', reason: 'customer asked for more', editedFacts: refund(900) }, await reviewers.token('ana@example.com', 'support-lead'));
    expect(response.statusCode).toBe(200);
    const body = json(response.body);
    expect(body).toMatchObject({ status: 'rerouted', effect: 'rerouted', rerouted: { status: 'pending', route: 'approve_before', reviewer: 'support-manager', linkedTo: proposal.id } });
  });
});

describe('reading proposals', () => {
  it('lists the pending proposals a role may answer, to a reviewer with a token', async () => {
    const forLead = await propose(150);
    const forFraud = await propose(20, { recentClaims: 5 });
    const list = async (role: string) => {
      const response = await test.server.app.inject({ method: 'GET', url: `/v1/proposals?status=pending&reviewer=${role}`, headers: { authorization: `Bearer ${await reviewers.token('ana@example.com', role)}` } });
      expect(response.statusCode).toBe(200);
      return (json(response.body).proposals as { id: string }[]).map((proposal) => proposal.id);
    };
    const lead = await list('support-lead');
    const fraud = await list('fraud-analyst');
    expect(lead).toContain(forLead.id);
    expect(lead).not.toContain(forFraud.id);
    expect(fraud).toEqual([forFraud.id]);
  });

  it('refuses the review queue without a token, and a listing of anything but pending', async () => {
    const anonymous = await test.server.app.inject({ method: 'GET', url: '/v1/proposals?status=pending' });
    expect(anonymous.statusCode).toBe(401);
    const token = await reviewers.token('ana@example.com', 'support-lead');
    const settled = await test.server.app.inject({ method: 'GET', url: '/v1/proposals?status=approved', headers: { authorization: `Bearer ${token}` } });
    expect(settled.statusCode).toBe(400);
    expect(json(settled.body)).toMatchObject({ code: 'invalid-request', errors: [{ in: 'querystring', field: 'status' }] });
  });

  it('reads one proposal as it stands now, without a token', async () => {
    const proposal = await propose(120);
    await answer(proposal.id, { decision: 'reject', reason: 'not damaged on the photos' }, await reviewers.token('ana@example.com', 'support-lead'));
    const response = await test.server.app.inject({ method: 'GET', url: `/v1/proposals/${String(proposal.id)}` });
    expect(response.statusCode).toBe(200);
    const body = json(response.body);
    expect(body).toMatchObject({ id: proposal.id, status: 'rejected', effect: 'never', outcome: { decision: 'rejected', reason: 'not damaged on the photos' } });
    expect(body.decision).toBeUndefined();
  });
});

describe('other ways to configure reviewers', () => {
  it('verifies tokens against a JSON Web Key Set, choosing the key by kid', async () => {
    const workspace = new Workspace();
    const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
    const jwksFile = join(workspace.dir, 'jwks.json');
    writeFileSync(jwksFile, JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid: 'reviewers-2026', alg: 'ES256', use: 'sig' }] }));
    const withJwks = await startTestServer({ auth: { jwksFile } }, workspace);
    try {
      const token = await new SignJWT({ sub: 'ana@example.com', role: 'support-lead' }).setProtectedHeader({ alg: 'ES256', kid: 'reviewers-2026' }).sign(privateKey);
      const response = await withJwks.server.app.inject({ method: 'GET', url: '/v1/proposals?status=pending', headers: { authorization: `Bearer ${token}` } });
      expect(response.statusCode).toBe(200);
    } finally {
      await withJwks.close();
    }
  });

  it("under insecureNoAuth takes the answer's body for the reviewer, and warns at startup", async () => {
    const insecure = await startTestServer({ auth: { insecureNoAuth: true } });
    try {
      expect(insecure.messages).toContainEqual({ level: 'warn', message: expect.stringContaining('insecureNoAuth') as unknown });
      const proposed = await insecure.server.app.inject({ method: 'POST', url: '/v1/proposals', payload: { policy: 'support-refunds', facts: refund(120), proposer: { id: 'refund-agent' } } });
      const id = json(proposed.body).id as string;
      const response = await insecure.server.app.inject({ method: 'POST', url: `/v1/proposals/${id}/answer`, payload: { decision: 'approve', reviewer: { id: 'ana@example.com', role: 'support-lead' } } });
      expect(response.statusCode).toBe(200);
      expect(json(response.body)).toMatchObject({ status: 'approved', outcome: { reviewerId: 'ana@example.com' } });
    } finally {
      await insecure.close();
    }
  });
});

// Every refusal is an RFC 9457 problem (application/problem+json) with a
// status, a code a client can branch on, and a detail a person can act on.
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryDecisionStore } from '@oversight/gate';
import { createErrorHandler } from '../src/http/error-handler.js';
import { json, refund, startTestServer, type TestServer } from './fixtures.js';

let test: TestServer;
beforeAll(async () => {
  test = await startTestServer();
});
afterAll(async () => {
  await test.close();
});

function expectProblem(response: LightMyRequestResponse, status: number, code: string): Record<string, unknown> {
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = json(response.body);
  expect(body).toMatchObject({ type: `https://oversight.dev/problems/${code}`, status, code });
  expect(response.statusCode).toBe(status);
  expect(typeof body.title).toBe('string');
  expect(typeof body.detail).toBe('string');
  expect(response.body).not.toMatch(/\bat .+\.(ts|js):\d+/);
  return body;
}

const JSON_HEADERS = { 'content-type': 'application/json' };

describe('request errors', () => {
  it('answers malformed JSON with 400', async () => {
    const response = await test.server.app.inject({ method: 'POST', url: '/v1/decide/support-refunds', headers: JSON_HEADERS, payload: '{"amount": 20,' });
    expect(expectProblem(response, 400, 'malformed-json').detail).toContain('not valid JSON');
  });

  it('answers JSON nested past the depth limit with 400', async () => {
    const payload = `{"a":${'['.repeat(100)}${']'.repeat(100)}}`;
    const response = await test.server.app.inject({ method: 'POST', url: '/v1/decide/support-refunds', headers: JSON_HEADERS, payload });
    expect(expectProblem(response, 400, 'malformed-json').detail).toContain('deeper than the limit');
  });

  it('answers a body over the limit with 413, stating the limit', async () => {
    const payload = JSON.stringify({ note: 'x'.repeat(1024 * 1024) });
    const response = await test.server.app.inject({ method: 'POST', url: '/v1/decide/support-refunds', headers: JSON_HEADERS, payload });
    const body = expectProblem(response, 413, 'body-too-large');
    expect(body.detail).toContain('1,048,576 bytes');
    expect(body.limit).toBe(1048576);
  });

  it('answers a body that is not application/json with 415', async () => {
    const response = await test.server.app.inject({ method: 'POST', url: '/v1/decide/support-refunds', headers: { 'content-type': 'text/plain' }, payload: 'amount=20' });
    expectProblem(response, 415, 'unsupported-media-type');
  });

  it('answers facts that are not an object with 400', async () => {
    for (const payload of ['[]', '"refund"', 'null', '42']) {
      const response = await test.server.app.inject({ method: 'POST', url: '/v1/decide/support-refunds', headers: JSON_HEADERS, payload });
      expect(expectProblem(response, 400, 'invalid-request').detail).toBe('body must be object');
    }
    const propose = await test.server.app.inject({ method: 'POST', url: '/v1/proposals', payload: { policy: 'support-refunds', facts: [1], proposer: { id: 'a' } } });
    expect(expectProblem(propose, 400, 'invalid-request').detail).toBe('body/facts must be object');
  });

  it('answers a body that breaks the schema with 400 naming the field', async () => {
    const missing = await test.server.app.inject({ method: 'POST', url: '/v1/proposals', payload: { policy: 'support-refunds', facts: refund(20) } });
    expect(expectProblem(missing, 400, 'invalid-request')).toMatchObject({ detail: "body must have required property 'proposer'", errors: [{ in: 'body', field: 'proposer' }] });
    const extra = await test.server.app.inject({ method: 'POST', url: '/v1/proposals', payload: { policy: 'support-refunds', facts: refund(20), proposer: { id: 'a' }, priority: 1 } });
    expect(expectProblem(extra, 400, 'invalid-request')).toMatchObject({ errors: [{ field: 'priority' }] });
    const answer = await test.server.app.inject({ method: 'POST', url: '/v1/proposals/x/answer', payload: { decision: 'maybe' } });
    expect(expectProblem(answer, 400, 'invalid-request').detail).toBe('body/decision must be equal to one of the allowed values (approve, reject, edit, escalate)');
  });

  it('answers an unknown route with a 404 problem', async () => {
    expectProblem(await test.server.app.inject({ method: 'GET', url: '/v2/everything' }), 404, 'not-found');
    expectProblem(await test.server.app.inject({ method: 'DELETE', url: '/v1/proposals/x' }), 404, 'not-found');
  });
});

describe('gate refusals', () => {
  it('answers a policy the server does not enforce with 404', async () => {
    const response = await test.server.app.inject({ method: 'POST', url: '/v1/decide/sales-outreach', payload: refund(20) });
    expect(expectProblem(response, 404, 'unknown-policy').detail).toContain('support-refunds');
  });

  it('answers a decision id it does not know with 404', async () => {
    expectProblem(await test.server.app.inject({ method: 'GET', url: '/v1/proposals/nope' }), 404, 'not-found');
    expectProblem(await test.server.app.inject({ method: 'POST', url: '/v1/proposals/nope/claim', payload: { facts: {} } }), 404, 'not-found');
  });

  it('answers a decisionKey reused for other facts with 422', async () => {
    const propose = (amount: number) => test.server.app.inject({ method: 'POST', url: '/v1/proposals', payload: { policy: 'support-refunds', facts: refund(amount), proposer: { id: 'a' }, decisionKey: 'k-1' } });
    expect((await propose(20)).statusCode).toBe(201);
    expectProblem(await propose(30), 422, 'invalid-input');
  });

  it('answers a rejection without a reason with 422', async () => {
    const proposed = await test.server.app.inject({ method: 'POST', url: '/v1/proposals', payload: { policy: 'support-refunds', facts: refund(120), proposer: { id: 'a' } } });
    const id = json(proposed.body).id as string;
    const response = await test.server.app.inject({ method: 'POST', url: `/v1/proposals/${id}/answer`, payload: { decision: 'reject', reviewer: { id: 'ana', role: 'support-lead' } } });
    expectProblem(response, 422, 'reason-required');
  });

  it('answers an answer or a claim whose body repeats a key with 400', async () => {
    const response = await test.server.app.inject({ method: 'POST', url: '/v1/proposals/x/claim', headers: JSON_HEADERS, payload: '{"facts":{"amount":1,"amount":2}}' });
    expectProblem(response, 400, 'repeated-key');
  });
});

describe('server errors', () => {
  it('answers 503 store-failed once the decision log cannot be written, and keeps refusing', async () => {
    const store = new MemoryDecisionStore();
    store.append = () => Promise.reject(new Error('disk full'));
    const broken = await startTestServer({ store });
    try {
      for (let i = 0; i < 2; i++) {
        const response = await broken.server.app.inject({ method: 'POST', url: '/v1/decide/support-refunds', payload: refund(20) });
        expect(expectProblem(response, 503, 'store-failed').detail).toContain('disk full');
      }
    } finally {
      await broken.close();
    }
  });

  it('answers an unexpected error with a 500 that names no internals, and logs the error', () => {
    const logged: unknown[] = [];
    const handle = createErrorHandler({ info: () => undefined, warn: () => undefined, error: (_message, error) => logged.push(error) }, 1024);
    const failure = new TypeError("Cannot read properties of undefined (reading 'policy') at /srv/app.js:10:5");
    const sent: { status?: number; type?: string; body?: string } = {};
    const reply = {
      header: () => reply,
      code: (status: number) => ((sent.status = status), reply),
      type: (type: string) => ((sent.type = type), reply),
      send: (body: string) => ((sent.body = body), reply),
    };
    handle(failure, { method: 'GET', url: '/v1/proposals/x' } as never, reply as never);
    expect(sent.status).toBe(500);
    expect(sent.type).toBe('application/problem+json');
    expect(json(sent.body!)).toEqual({
      type: 'https://oversight.dev/problems/internal',
      title: 'Internal error',
      status: 500,
      code: 'internal',
      detail: 'the server could not answer this request; the error is in its log',
    });
    expect(logged).toEqual([failure]);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { json, refund, startTestServer, type TestServer } from './fixtures.js';

let running: TestServer | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

async function server(): Promise<TestServer> {
  running = await startTestServer();
  return running;
}

describe('POST /v1/decide/:policy', () => {
  it('lets a small confident refund run alone, naming the policy version and hash that decided', async () => {
    const { server: { app } } = await server();
    const response = await app.inject({ method: 'POST', url: '/v1/decide/support-refunds', payload: refund(20) });
    expect(response.statusCode).toBe(200);
    const body = json(response.body);
    expect(body).toMatchObject({ status: 'ran', effect: 'run', route: 'auto', runFacts: refund(20) });
    expect(body.decision).toMatchObject({
      route: 'auto',
      matched: [{ id: 'small-confident-refund' }],
      policy: { name: 'support-refunds', version: 4, hash: expect.stringMatching(/^sha256:[0-9a-f]{64}$/) as unknown },
    });
  });

  it('holds a refund above autoRefundMax for a team lead: approve_before, nothing to run yet', async () => {
    const { server: { app } } = await server();
    const response = await app.inject({ method: 'POST', url: '/v1/decide/support-refunds', payload: refund(120) });
    expect(response.statusCode).toBe(200);
    const body = json(response.body);
    expect(body).toMatchObject({ status: 'pending', effect: 'wait', route: 'approve_before' });
    expect(body.runFacts).toBeUndefined();
    expect(body.decision).toMatchObject({ route: 'approve_before', reviewer: 'support-lead', packet: { summary: 'refund of 120 USD on order ORD-1002341 (damaged)' } });
  });

  it('logs every decision before answering, with the proposer from x-oversight-proposer', async () => {
    const test = await server();
    const ids: string[] = [];
    for (const [amount, proposer] of [[20, 'refund-agent'], [120, undefined], [3000, 'refund-agent']] as const) {
      const headers = proposer === undefined ? {} : { 'x-oversight-proposer': proposer };
      const response = await test.server.app.inject({ method: 'POST', url: '/v1/decide/support-refunds', payload: refund(amount), headers });
      ids.push(json(response.body).decisionId as string);
    }
    const log = test.workspace.readLog();
    expect(log.map((line) => line.decisionId)).toEqual(ids);
    expect(log.map((line) => [line.route, (line.proposer as { id: string }).id])).toEqual([
      ['auto', 'refund-agent'],
      ['approve_before', 'http'],
      ['deny', 'refund-agent'],
    ]);
  });

  it("gives facts that repeat a key the policy's onError decision (invalid-json), and logs it", async () => {
    const test = await server();
    const payload = '{"actionType":"refund","amount":20,"amount":20000,"currency":"USD"}';
    const response = await test.server.app.inject({ method: 'POST', url: '/v1/decide/support-refunds', payload, headers: { 'content-type': 'application/json' } });
    expect(response.statusCode).toBe(200);
    const body = json(response.body);
    expect(body).toMatchObject({ route: 'escalate', effect: 'wait', decision: { route: 'escalate', error: { code: 'invalid-json' } } });
    expect((body.decision as { error: { message: string } }).error.message).toContain('repeated key "amount"');
    const [logged] = test.workspace.readLog();
    expect(logged).toMatchObject({ decisionId: body.decisionId, route: 'escalate', facts: {}, error: { code: 'invalid-json' } });
  });

  it("gives invalid and undeclared facts the policy's onError decision, not a request error", async () => {
    const { server: { app } } = await server();
    const invalid = await app.inject({ method: 'POST', url: '/v1/decide/support-refunds', payload: refund(20, { amount: -5 }) });
    const undeclared = await app.inject({ method: 'POST', url: '/v1/decide/support-refunds', payload: refund(20, { coupon: 'X' }) });
    expect([invalid.statusCode, undeclared.statusCode]).toEqual([200, 200]);
    expect(json(invalid.body).decision).toMatchObject({ route: 'escalate', error: { code: 'invalid-fact', fact: 'amount' } });
    expect(json(undeclared.body).decision).toMatchObject({ route: 'escalate', error: { code: 'undeclared-fact' } });
  });

  it('answers a retry with the same idempotency-key with the decision already made, logged once', async () => {
    const test = await server();
    const inject = () => test.server.app.inject({ method: 'POST', url: '/v1/decide/support-refunds', payload: refund(120), headers: { 'idempotency-key': 'ticket-77' } });
    const first = json((await inject()).body);
    const again = json((await inject()).body);
    expect(again.decisionId).toBe(first.decisionId);
    expect(again).toMatchObject({ status: 'pending', route: 'approve_before' });
    expect(test.workspace.readLog()).toHaveLength(1);
  });
});

describe('POST /v1/proposals', () => {
  it('answers 201 with the proposal, its packet and decision, and where to read it', async () => {
    const { server: { app } } = await server();
    const response = await app.inject({ method: 'POST', url: '/v1/proposals', payload: { policy: 'support-refunds', facts: refund(120), proposer: { id: 'refund-agent', kind: 'agent' } } });
    expect(response.statusCode).toBe(201);
    const body = json(response.body);
    expect(response.headers.location).toBe(`/v1/proposals/${body.id as string}`);
    expect(body).toMatchObject({
      status: 'pending',
      effect: 'wait',
      route: 'approve_before',
      rules: ['refund-needs-approval'],
      reviewer: 'support-lead',
      approvalsRequired: 1,
      approvals: [],
      policy: { name: 'support-refunds', version: 4 },
      proposer: { id: 'refund-agent', kind: 'agent' },
      packet: { choices: ['approve', 'reject', 'edit', 'escalate'] },
      decision: { route: 'approve_before' },
    });
    expect(typeof body.deadline).toBe('string');
  });

  it("decides facts with a repeated key by the policy's onError, but refuses a repeated key outside the facts", async () => {
    const { server: { app } } = await server();
    const headers = { 'content-type': 'application/json' };
    const inFacts = await app.inject({ method: 'POST', url: '/v1/proposals', headers, payload: '{"policy":"support-refunds","facts":{"amount":1,"amount":2},"proposer":{"id":"a"}}' });
    expect(inFacts.statusCode).toBe(201);
    expect(json(inFacts.body)).toMatchObject({ route: 'escalate', facts: {}, error: { code: 'invalid-json' } });
    const inEnvelope = await app.inject({ method: 'POST', url: '/v1/proposals', headers, payload: '{"policy":"support-refunds","policy":"other","facts":{},"proposer":{"id":"a"}}' });
    expect(inEnvelope.statusCode).toBe(400);
    expect(json(inEnvelope.body)).toMatchObject({ code: 'repeated-key' });
  });
});

// What operators and tooling read: health, Prometheus metrics, the OpenAPI document.
import { readFileSync } from 'node:fs';
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { JsonlDecisionLog } from '@oversight/gate';
import { openStore } from '../src/index.js';
import { json, refund, reviewerKeys, startTestServer, Workspace, type TestServer } from './fixtures.js';

let running: TestServer | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

describe('GET /healthz', () => {
  it('names the policy versions enforced', async () => {
    running = await startTestServer();
    const response = await running.server.app.inject({ method: 'GET', url: '/healthz' });
    expect(response.statusCode).toBe(200);
    expect(json(response.body)).toEqual({ status: 'ok', policies: [{ name: 'support-refunds', version: 4, hash: expect.stringMatching(/^sha256:/) as unknown }] });
  });
});

describe('GET /metrics', () => {
  it('counts decisions by policy, route and rule, times them, and gauges pending reviews', async () => {
    running = await startTestServer();
    const { app } = running.server;
    for (const amount of [20, 20, 120, 3000]) await app.inject({ method: 'POST', url: '/v1/decide/support-refunds', payload: refund(amount) });
    await app.inject({ method: 'POST', url: '/v1/decide/support-refunds', payload: { coupon: 1 } });
    const response = await app.inject({ method: 'GET', url: '/metrics' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain/);
    const text = response.body;
    expect(text).toContain('oversight_decisions_total{policy="support-refunds",route="auto",rule="small-confident-refund"} 2');
    expect(text).toContain('oversight_decisions_total{policy="support-refunds",route="approve_before",rule="refund-needs-approval"} 1');
    expect(text).toContain('oversight_decisions_total{policy="support-refunds",route="deny",rule="above-hard-cap"} 1');
    expect(text).toContain('oversight_decisions_total{policy="support-refunds",route="escalate",rule="none"} 1');
    expect(text).toContain('oversight_decision_duration_seconds_count 5');
    expect(text).toContain('oversight_decision_duration_seconds_bucket{le="0.0001"}');
    expect(text).toContain('oversight_pending_reviews{policy="support-refunds"} 2');
    expect(text).toContain('oversight_policy_reloads_total{result="success"} 0');
  });

  it('keeps each server’s metrics apart', async () => {
    running = await startTestServer();
    const other = await startTestServer();
    try {
      await running.server.app.inject({ method: 'POST', url: '/v1/decide/support-refunds', payload: refund(20) });
      const text = (await other.server.app.inject({ method: 'GET', url: '/metrics' })).body;
      expect(text).not.toContain('oversight_decisions_total{');
    } finally {
      await other.close();
    }
  });

  it('counts an SLA breach when the sweep applies a deadline that passed', async () => {
    let now = Date.parse('2026-10-03T12:00:00Z');
    running = await startTestServer({ clock: () => new Date(now), sweepIntervalMs: 10 });
    const { app } = running.server;
    await app.inject({ method: 'POST', url: '/v1/decide/support-refunds', payload: refund(120) });
    now += 5 * 3600 * 1000;
    await vi.waitFor(
      async () => {
        const text = (await app.inject({ method: 'GET', url: '/metrics' })).body;
        expect(text).toContain('oversight_sla_breaches_total{policy="support-refunds"} 1');
      },
      { timeout: 60_000, interval: 20 },
    );
    const [, escalated] = running.workspace.readLog();
    expect(escalated).toMatchObject({ event: 'escalated', cause: 'timeout', from: 'support-lead', to: 'support-manager' });
  });
});

describe('GET /openapi.json', () => {
  it('is a valid OpenAPI 3.1 document covering every route, its schemas resolving', async () => {
    const workspace = new Workspace();
    const { keyFile } = await reviewerKeys(workspace.dir);
    running = await startTestServer({ auth: { jwtKeyFile: keyFile } }, workspace);
    const response = await running.server.app.inject({ method: 'GET', url: '/openapi.json' });
    expect(response.statusCode).toBe(200);
    const document = json(response.body);
    const validator = new Validator();
    const result = await validator.validate(document);
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(() => validator.resolveRefs()).not.toThrow();
    const paths = document.paths as Record<string, Record<string, { security?: unknown; responses: Record<string, unknown> }>>;
    expect(Object.keys(paths).sort()).toEqual(['/healthz', '/metrics', '/openapi.json', '/v1/decide/{policy}', '/v1/proposals', '/v1/proposals/{id}', '/v1/proposals/{id}/answer', '/v1/proposals/{id}/claim']);
    expect(paths['/v1/proposals/{id}/answer']!.post!.security).toEqual([{ reviewerToken: [] }]);
    expect(paths['/v1/decide/{policy}']!.post!.security).toBeUndefined();
    expect(Object.keys(paths['/v1/decide/{policy}']!.post!.responses)).toEqual(expect.arrayContaining(['200', '400', '404', '413', '415', '500']));
    const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(document.info).toMatchObject({ version });
  });
});

describe('openStore', () => {
  it('opens a JSON Lines decision log for a path', async () => {
    const workspace = new Workspace();
    try {
      const store = await openStore(workspace.logFile);
      expect(store).toBeInstanceOf(JsonlDecisionLog);
      await store.close();
    } finally {
      workspace.remove();
    }
  });
});

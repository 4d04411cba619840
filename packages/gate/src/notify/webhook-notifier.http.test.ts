// Against a real HTTP server on loopback, with the global fetch: what a receiver
// actually sees on the wire.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { GateEvent, Proposal } from '../types.js';
import { createWebhookNotifier, verifyWebhookSignature, type WebhookFailure } from './index.js';

const proposal: Proposal = {
  id: 'p-http',
  at: '2025-01-01T00:00:00.000Z',
  policy: { name: 'refunds', version: 2, hash: 'abc' },
  facts: { amount: 5000, note: 'naïve ✓' },
  factsHash: 'def',
  route: 'escalate',
  rules: ['huge-refund'],
  sampled: false,
  approvalsRequired: 2,
  approvals: [],
  escalations: [],
  status: 'pending',
};
const event: GateEvent = { type: 'escalated', at: '2025-01-01T00:05:00.000Z', proposal };

interface Received {
  method: string | undefined;
  url: string | undefined;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

let server: Server | undefined;

afterEach(async () => {
  const open = server;
  server = undefined;
  if (!open) return;
  open.closeAllConnections();
  await new Promise<void>((resolve) => open.close(() => resolve()));
});

/** A loopback server that records each request and answers with `respond`. */
async function listen(respond: (res: ServerResponse, index: number) => void): Promise<{ url: string; received: Received[] }> {
  const received: Received[] = [];
  const created = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks) });
      respond(res, received.length - 1);
    });
  });
  server = created;
  await new Promise<void>((resolve) => created.listen(0, '127.0.0.1', resolve));
  const { port } = created.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hooks/oversight`, received };
}

const header = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value);

describe('createWebhookNotifier over HTTP', () => {
  it('delivers a body and headers that the receiver can verify', async () => {
    const { url, received } = await listen((res) => res.writeHead(204).end());
    const failures: WebhookFailure[] = [];
    const notifier = createWebhookNotifier({ url, secret: 'whsec_live', onFailure: (failure) => void failures.push(failure) });

    await notifier.notify(event);
    await notifier.idle();

    expect(failures).toEqual([]);
    expect(received).toHaveLength(1);
    const [request] = received;
    if (!request) throw new Error('no request received');
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/hooks/oversight');
    expect(JSON.parse(request.body.toString('utf8'))).toEqual(event);
    expect(request.body.toString('utf8')).toBe(JSON.stringify(event));
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers['user-agent']).toBe('oversight-gate');
    expect(request.headers['x-oversight-event']).toBe('escalated');
    expect(request.headers['x-oversight-delivery']).toMatch(/^[0-9a-f-]{36}$/);
    expect(request.headers['x-oversight-timestamp']).toMatch(/^\d+$/);
    expect(request.headers['x-oversight-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);

    const signed = { secret: 'whsec_live', timestamp: header(request.headers['x-oversight-timestamp']), signature: header(request.headers['x-oversight-signature']) };
    expect(verifyWebhookSignature({ ...signed, body: request.body })).toBe(true);
    const tampered = Buffer.from(request.body.toString('utf8').replace('5000', '50'));
    expect(verifyWebhookSignature({ ...signed, body: tampered })).toBe(false);
    expect(verifyWebhookSignature({ ...signed, body: request.body, now: new Date(Date.now() + 3_600_000) })).toBe(false);
  });

  it('retries a 503 from a real server with the same delivery id', async () => {
    const { url, received } = await listen((res, index) => res.writeHead(index === 0 ? 503 : 200).end('ok'));
    const delays: number[] = [];
    const notifier = createWebhookNotifier({
      url,
      secret: 's',
      sleep: (ms) => {
        delays.push(ms);
        return Promise.resolve();
      },
    });

    await notifier.notify(event);

    expect(received).toHaveLength(2);
    expect(delays).toHaveLength(1);
    expect(received[1]?.headers['x-oversight-delivery']).toBe(received[0]?.headers['x-oversight-delivery']);
  });

  it('gives up on a receiver that never answers, through the timeout', async () => {
    // The server holds every request open; only the notifier's timeout ends it.
    const { url } = await listen(() => {});
    const failures: WebhookFailure[] = [];
    const notifier = createWebhookNotifier({ url, secret: 's', retries: 0, timeoutMs: 50, onFailure: (failure) => void failures.push(failure) });

    await notifier.notify(event);

    // Whether the request got through before the timeout depends on the machine's speed, so it is not asserted.
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ attempts: 1, status: undefined });
    expect(failures[0]?.error.name).toBe('TimeoutError');
  });
});

import { describe, expect, it } from 'vitest';
import type { GateEvent, Proposal } from '../types.js';
import { createWebhookNotifier, type WebhookFailure, type WebhookFetch, type WebhookNotifierOptions } from './webhook-notifier.js';
import { verifyWebhookSignature } from './signature.js';

const proposal: Proposal = {
  id: 'p-1',
  at: '2025-01-01T00:00:00.000Z',
  policy: { name: 'refunds', version: 1, hash: 'abc' },
  facts: { amount: 120 },
  factsHash: 'def',
  route: 'approve_before',
  rules: ['large-refund'],
  sampled: false,
  approvalsRequired: 1,
  approvals: [],
  escalations: [],
  status: 'pending',
};
const event: GateEvent = { type: 'proposed', at: '2025-01-01T00:00:01.000Z', proposal };
const now = new Date('2025-01-01T00:00:02.000Z');

interface Call {
  url: string;
  headers: Headers;
  body: string;
}

/** A fetch that answers from a script (a status, a response, or an error to throw) and records each request. */
function scriptedFetch(script: (number | Response | Error)[]): { fetch: WebhookFetch; calls: Call[] } {
  const calls: Call[] = [];
  const fetch: WebhookFetch = (url, init) => {
    calls.push({ url, headers: new Headers(init.headers), body: typeof init.body === 'string' ? init.body : '' });
    const next = script.shift() ?? 200;
    if (next instanceof Error) return Promise.reject(next);
    return Promise.resolve(typeof next === 'number' ? new Response(null, { status: next }) : next);
  };
  return { fetch, calls };
}

/** A notifier with every time source injected: sleeps are recorded and never wait. */
function harness(script: (number | Response | Error)[], options: Partial<WebhookNotifierOptions> = {}) {
  const { fetch, calls } = scriptedFetch(script);
  const delays: number[] = [];
  const failures: WebhookFailure[] = [];
  const notifier = createWebhookNotifier({
    url: 'https://hooks.example.test/oversight',
    secret: 'shh',
    fetch,
    sleep: (ms) => {
      delays.push(ms);
      return Promise.resolve();
    },
    clock: () => now,
    random: () => 0.5,
    onFailure: (failure) => {
      failures.push(failure);
    },
    ...options,
  });
  return { notifier, calls, delays, failures };
}

describe('createWebhookNotifier', () => {
  it('posts the event, signed', async () => {
    const { notifier, calls, failures } = harness([200]);
    await notifier.notify(event);
    expect(calls).toHaveLength(1);
    const [call] = calls;
    expect(call?.url).toBe('https://hooks.example.test/oversight');
    expect(call?.body).toBe(JSON.stringify(event));
    expect(call?.headers.get('x-oversight-event')).toBe('proposed');
    expect(call?.headers.get('x-oversight-timestamp')).toBe(String(now.getTime() / 1000));
    expect(verifyWebhookSignature({ secret: 'shh', body: call?.body ?? '', timestamp: call?.headers.get('x-oversight-timestamp') ?? undefined, signature: call?.headers.get('x-oversight-signature') ?? undefined, now })).toBe(true);
    expect(failures).toEqual([]);
  });

  it('retries a 503 and stops at the first success', async () => {
    const { notifier, calls, delays, failures } = harness([503, 503, 204]);
    await notifier.notify(event);
    expect(calls).toHaveLength(3);
    // Full jitter at random() = 0.5: half of 500, then half of 1000.
    expect(delays).toEqual([250, 500]);
    expect(failures).toEqual([]);
  });

  it('keeps one delivery id across retries, and a fresh one per delivery', async () => {
    const { notifier, calls } = harness([500, 429, 200, 200]);
    await notifier.notify(event);
    await notifier.notify(event);
    const ids = calls.map((call) => call.headers.get('x-oversight-delivery'));
    expect(ids).toHaveLength(4);
    expect(ids[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(ids[1]).toBe(ids[0]);
    expect(ids[2]).toBe(ids[0]);
    expect(ids[3]).not.toBe(ids[0]);
  });

  it('does not retry a 400, and reports it once', async () => {
    const { notifier, calls, delays, failures } = harness([400]);
    await notifier.notify(event);
    expect(calls).toHaveLength(1);
    expect(delays).toEqual([]);
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ event, attempts: 1, status: 400 });
    expect(failures[0]?.error.message).toContain('400');
  });

  it('does not follow or retry a redirect', async () => {
    const { notifier, calls, failures } = harness([new Response(null, { status: 302, headers: { location: 'https://elsewhere.test/' } })]);
    await notifier.notify(event);
    expect(calls).toHaveLength(1);
    expect(failures).toMatchObject([{ attempts: 1, status: 302 }]);
  });

  it('gives up after `retries` retries, and reports it', async () => {
    const { notifier, calls, delays, failures } = harness(Array<number>(6).fill(503), { retries: 3 });
    await notifier.notify(event);
    expect(calls).toHaveLength(4);
    expect(delays).toEqual([250, 500, 1000]);
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ attempts: 4, status: 503 });
  });

  it('caps the backoff at maxMs', async () => {
    const { notifier, delays } = harness(Array<number>(6).fill(502), { retries: 5, random: () => 1, backoff: { initialMs: 100, maxMs: 1000, factor: 3 } });
    await notifier.notify(event);
    expect(delays).toEqual([100, 300, 900, 1000, 1000]);
  });

  it('retries network errors and reports the last error', async () => {
    const { notifier, calls, failures } = harness([new TypeError('fetch failed'), new TypeError('fetch failed')], { retries: 1 });
    await notifier.notify(event);
    expect(calls).toHaveLength(2);
    expect(failures).toHaveLength(1);
    expect(failures[0]?.status).toBeUndefined();
    expect(failures[0]?.error.message).toBe('fetch failed');
  });

  it('honours retry-after, within maxMs', async () => {
    const busy = (seconds: string) => new Response(null, { status: 429, headers: { 'retry-after': seconds } });
    const { notifier, calls, delays, failures } = harness([busy('7'), busy('3600'), new Response(null, { status: 503, headers: { 'retry-after': '2' } }), 200]);
    await notifier.notify(event);
    expect(calls).toHaveLength(4);
    expect(delays).toEqual([7000, 30_000, 2000]);
    expect(failures).toEqual([]);
  });

  it('sends only the event types asked for', async () => {
    const { notifier, calls } = harness([], { events: ['settled'] });
    await notifier.notify(event);
    await notifier.notify({ ...event, type: 'settled' });
    expect(calls.map((call) => call.headers.get('x-oversight-event'))).toEqual(['settled']);
  });

  it('never rejects: not for a throwing fetch, a throwing onFailure, or an unserialisable event', async () => {
    const failures: WebhookFailure[] = [];
    const throwing = harness([], {
      retries: 0,
      fetch: () => {
        throw new Error('boom');
      },
      onFailure: () => {
        throw new Error('handler broke');
      },
    });
    await expect(throwing.notifier.notify(event)).resolves.toBeUndefined();

    const { notifier, calls } = harness([], { onFailure: (failure) => void failures.push(failure) });
    const unserialisable: GateEvent = { ...event, proposal: { ...proposal, facts: { big: 1n } } };
    await expect(notifier.notify(unserialisable)).resolves.toBeUndefined();
    expect(calls).toEqual([]);
    expect(failures).toMatchObject([{ attempts: 0 }]);
  });

  it('idle() waits for deliveries started without being awaited', async () => {
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const { notifier, calls } = harness([503, 200], { sleep: () => gate });
    void notifier.notify(event);
    let idle = false;
    const waiting = notifier.idle().then(() => {
      idle = true;
    });
    await Promise.resolve();
    expect(idle).toBe(false);
    release();
    await waiting;
    expect(calls).toHaveLength(2);
    await expect(notifier.idle()).resolves.toBeUndefined();
  });

  it('refuses a misconfiguration at creation', () => {
    expect(() => createWebhookNotifier({ url: 'ftp://example.test/', secret: 's' })).toThrow(TypeError);
    expect(() => createWebhookNotifier({ url: 'not a url', secret: 's' })).toThrow(TypeError);
    expect(() => createWebhookNotifier({ url: 'https://example.test/', secret: '' })).toThrow(TypeError);
    expect(() => createWebhookNotifier({ url: 'https://example.test/', secret: 's', retries: -1 })).toThrow(RangeError);
  });
});

// A Notifier that POSTs each gate event to a webhook, signed, with retries. The
// gate does not await notify() on its hot path, so a delivery failure must never
// surface as a rejection: it goes to onFailure instead.
import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import type { GateEvent, Notifier } from '../types.js';
import { backoffDelay, DEFAULT_BACKOFF, retryAfterMs, type BackoffOptions } from './backoff.js';
import { asError, deliveryHeaders, isRetryableStatus } from './delivery.js';

/** The part of `fetch` the notifier uses; the global fetch fits. */
export type WebhookFetch = (url: string, init: RequestInit) => Promise<Response>;

/** A delivery the notifier gave up on. */
export interface WebhookFailure {
  event: GateEvent;
  /** Requests made (0 when the event could not even be serialised). */
  attempts: number;
  /** The last response's status, when the last attempt got one. */
  status?: number;
  error: Error;
  deliveryId: string;
}

export interface WebhookNotifierOptions {
  /** An http(s) URL. */
  url: string | URL;
  /** The HMAC key the receiver shares. */
  secret: string;
  /** The event types to send; all when absent. */
  events?: readonly GateEvent['type'][];
  fetch?: WebhookFetch;
  /** Attempts after the first, for network errors, timeouts, 429 and 5xx. */
  retries?: number;
  backoff?: Partial<BackoffOptions>;
  /** Waits between attempts; injectable so tests never wait. */
  sleep?: (ms: number) => Promise<void>;
  /** Source of the signed timestamp. */
  clock?: () => Date;
  /** Uniform in [0, 1): the backoff jitter. */
  random?: () => number;
  /** Called once per delivery given up on; without it, a process warning is emitted. */
  onFailure?: (failure: WebhookFailure) => void | Promise<void>;
  /** Per attempt, covering the response body too. */
  timeoutMs?: number;
  /** What to POST for an event, as JSON: the event itself by default; `slackEventMessage` for a Slack incoming webhook. */
  body?: (event: GateEvent) => unknown;
}

export interface WebhookNotifier extends Notifier {
  /** Resolves once every delivery started so far (and any started meanwhile) has finished or given up. */
  idle(): Promise<void>;
}

type AttemptResult = { ok: true } | { ok: false; retryable: boolean; status?: number; error: Error; retryAfterMs?: number };

export function createWebhookNotifier(options: WebhookNotifierOptions): WebhookNotifier {
  const config = resolveOptions(options);
  const inflight = new Set<Promise<void>>();

  async function attempt(event: GateEvent, body: string, deliveryId: string): Promise<AttemptResult> {
    const now = config.clock();
    const headers = deliveryHeaders({ event, body, secret: config.secret, deliveryId, timestamp: Math.floor(now.getTime() / 1000) });
    try {
      // redirect: 'manual' keeps a signed payload from following a redirect to a host nobody configured.
      const response = await config.fetch(config.url, { method: 'POST', headers, body, redirect: 'manual', signal: AbortSignal.timeout(config.timeoutMs) });
      await discardBody(response);
      if (response.status >= 200 && response.status < 300) return { ok: true };
      const error = new Error(`webhook answered HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`);
      if (!isRetryableStatus(response.status)) return { ok: false, retryable: false, status: response.status, error };
      return { ok: false, retryable: true, status: response.status, error, retryAfterMs: retryAfterMs(response.headers.get('retry-after'), now.getTime(), config.backoff.maxMs) };
    } catch (error) {
      // Network errors and timeouts: the receiver may never have seen the request.
      return { ok: false, retryable: true, error: asError(error) };
    }
  }

  async function giveUp(failure: WebhookFailure): Promise<void> {
    try {
      await config.onFailure(failure);
    } catch {
      // A failing failure handler must not turn into a rejection the gate never awaits.
    }
  }

  async function deliver(event: GateEvent): Promise<void> {
    const deliveryId = randomUUID();
    let attempts = 0;
    try {
      const body = JSON.stringify(config.body(event));
      for (;;) {
        attempts += 1;
        const result = await attempt(event, body, deliveryId);
        if (result.ok) return;
        if (!result.retryable || attempts > config.retries) {
          await giveUp({ event, attempts, status: result.status, error: result.error, deliveryId });
          return;
        }
        await config.sleep(result.retryAfterMs ?? backoffDelay(attempts, config.backoff, config.random));
      }
    } catch (error) {
      // An unserialisable event, or an injected sleep or clock that threw.
      await giveUp({ event, attempts, error: asError(error), deliveryId });
    }
  }

  return {
    notify(event) {
      if (config.events && !config.events.has(event.type)) return Promise.resolve();
      const delivery: Promise<void> = deliver(event).finally(() => inflight.delete(delivery));
      inflight.add(delivery);
      return delivery;
    },
    async idle() {
      while (inflight.size > 0) await Promise.all(inflight);
    },
  };
}

interface ResolvedOptions {
  url: string;
  secret: string;
  events: ReadonlySet<GateEvent['type']> | undefined;
  fetch: WebhookFetch;
  retries: number;
  backoff: BackoffOptions;
  sleep: (ms: number) => Promise<void>;
  clock: () => Date;
  random: () => number;
  onFailure: (failure: WebhookFailure) => void | Promise<void>;
  timeoutMs: number;
  body: (event: GateEvent) => unknown;
}

/** Defaults filled in, and a misconfiguration refused now, at startup, rather than as a failed delivery later. */
function resolveOptions(options: WebhookNotifierOptions): ResolvedOptions {
  const url = new URL(options.url);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TypeError(`webhook url must be http or https, got ${url.protocol}`);
  if (typeof options.secret !== 'string' || options.secret === '') throw new TypeError('webhook secret must be a non-empty string');
  const retries = options.retries ?? 5;
  if (!Number.isInteger(retries) || retries < 0) throw new RangeError(`webhook retries must be a non-negative integer, got ${retries}`);
  const timeoutMs = options.timeoutMs ?? 10_000;
  if (!(timeoutMs > 0)) throw new RangeError(`webhook timeoutMs must be positive, got ${timeoutMs}`);
  const backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
  if (!(backoff.initialMs >= 0 && backoff.maxMs >= 0 && backoff.factor >= 1)) throw new RangeError('webhook backoff needs initialMs >= 0, maxMs >= 0 and factor >= 1');
  return {
    url: url.href,
    secret: options.secret,
    events: options.events ? new Set(options.events) : undefined,
    fetch: options.fetch ?? ((input, init) => fetch(input, init)),
    retries,
    backoff,
    sleep: options.sleep ?? ((ms) => delay(ms)),
    clock: options.clock ?? (() => new Date()),
    random: options.random ?? Math.random,
    onFailure: options.onFailure ?? warnFailure,
    timeoutMs,
    body: options.body ?? ((event) => event),
  };
}

// Without a handler a failure still leaves a trace, instead of vanishing.
function warnFailure(failure: WebhookFailure): void {
  process.emitWarning(`webhook delivery ${failure.deliveryId} (${failure.event.type} ${failure.event.proposal.id}) gave up after ${failure.attempts} attempt(s): ${failure.error.message}`, {
    code: 'OVERSIGHT_WEBHOOK_FAILED',
  });
}

// Releases the connection; what the receiver says in the body does not change the outcome.
async function discardBody(response: Response): Promise<void> {
  try {
    await response.body?.cancel();
  } catch {
    // Already consumed or errored: nothing to release.
  }
}

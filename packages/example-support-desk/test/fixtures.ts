// What the desk's tests share: refund facts the shipped policy accepts, a clock
// the test moves, readable ids, a temporary log, and a client that talks to the
// desk as the agent (JSON) and as a reviewer's browser would (forms, cookie,
// redirects not followed so the test sees each one).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export { refund } from 'oversight-test-fixtures';

/** A clock the test advances by hand: pass `clock.now` to createSupportDesk. */
export class FakeClock {
  constructor(private time = Date.parse('2026-12-02T09:00:00Z')) {}
  now = (): Date => new Date(this.time);
  advance(text: string): void {
    const match = /^(\d+)(s|m|h|d)$/.exec(text);
    if (!match) throw new Error(`FakeClock.advance takes 30s, 5m, 4h or 2d, not ${text}`);
    this.time += Number(match[1]) * { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }[match[2] as 's' | 'm' | 'h' | 'd'];
  }
}

export function sequentialIds(prefix = 'd'): () => string {
  let next = 0;
  return () => `${prefix}-${String(++next).padStart(4, '0')}`;
}

export async function tempDir(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'example-support-desk-'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

export interface ProposeResponse {
  id: string;
  effect: string;
  route: string;
  reviewer?: string;
  deadline?: string;
  runFacts?: Record<string, unknown>;
}

/** The desk's own words back from entities: enough for the text the tests compare. */
export function unescapeHtml(text: string): string {
  return text.replace(/&(lt|gt|quot|#39|amp);/g, (_entity, name: string) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", amp: '&' })[name] ?? '');
}

/** The agent: JSON in, JSON out. */
export class AgentClient {
  constructor(private readonly base: string) {}

  async propose(facts: Record<string, unknown>, extra: Record<string, unknown> = {}): Promise<ProposeResponse> {
    const response = await this.post('/agent/propose', { facts, ...extra });
    if (response.status !== 201) throw new Error(`propose answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as ProposeResponse;
  }

  post(path: string, body: unknown): Promise<Response> {
    return fetch(this.base + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  }

  get(path: string): Promise<Response> {
    return fetch(this.base + path);
  }
}

/** A reviewer's browser without the browser: keeps the session cookie, posts forms, and stops at each redirect. */
export class FormClient {
  cookie: string | undefined;

  constructor(private readonly base: string) {}

  async get(path: string): Promise<Response> {
    return fetch(this.base + path, { headers: this.cookie === undefined ? {} : { cookie: this.cookie }, redirect: 'manual' });
  }

  async page(path = '/'): Promise<string> {
    const response = await this.get(path);
    if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}`);
    return response.text();
  }

  async post(path: string, form: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
    const response = await fetch(this.base + path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...(this.cookie === undefined ? {} : { cookie: this.cookie }), ...headers },
      body: new URLSearchParams(form).toString(),
      redirect: 'manual',
    });
    const set = response.headers.getSetCookie()[0];
    if (set !== undefined) {
      const pair = set.split(';')[0] ?? '';
      this.cookie = pair.endsWith('=') ? undefined : pair;
    }
    return response;
  }

  async signIn(reviewer: string, role: string): Promise<void> {
    const response = await this.post('/login', { reviewer, role });
    if (response.status !== 303 || this.cookie === undefined) throw new Error(`sign-in answered ${response.status} without a session cookie`);
  }

  /** The CSRF token the signed-in queue page carries in its forms. */
  async csrf(): Promise<string> {
    const match = /name="csrf" value="([^"]+)"/.exec(await this.page());
    if (!match?.[1]) throw new Error('the queue page has no CSRF field: is the client signed in?');
    return match[1];
  }

  /** Posts an answer and follows its redirect: the flash the queue page then shows. */
  async answer(id: string, form: Record<string, string>): Promise<{ kind: string; text: string }> {
    const response = await this.post(`/decisions/${encodeURIComponent(id)}/answer`, { csrf: await this.csrf(), ...form });
    if (response.status !== 303) throw new Error(`answer answered ${response.status}: ${await response.text()}`);
    const flash = flashOf(await this.page(response.headers.get('location') ?? '/'));
    if (!flash) throw new Error('the queue page shows no flash after an answer');
    return flash;
  }
}

export function flashOf(page: string): { kind: string; text: string } | undefined {
  const match = /<p class="flash (ok|error)" role="status">([^<]*)<\/p>/.exec(page);
  return match ? { kind: match[1]!, text: unescapeHtml(match[2]!) } : undefined;
}

/** The ids of the cards on a queue page, in order. */
export function cardIds(page: string): string[] {
  return [...page.matchAll(/<div class="card[^"]*" data-proposal-id="([^"]+)"/g)].map((match) => unescapeHtml(match[1]!));
}

// The demo sign-in's tokens: `v1.<payload>.<mac>`, the payload the reviewer's
// id and role and when it was issued, the mac an HMAC-SHA256 under a secret
// made fresh for each process (a restart signs everyone out). The same secret
// derives each session's CSRF token and signs the flash messages, so none of
// them needs server-side storage. A real service takes the reviewer from its
// own sign-in instead; the gate only needs an IdentityVerifier.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Reviewer } from '@oversight/gate';

/** How long a sign-in lasts, by the wall clock (not the gate's clock, which a test may move by days). */
export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

export interface Session {
  reviewer: Reviewer;
  /** Wall-clock milliseconds. */
  issuedAt: number;
}

export class SessionSigner {
  private readonly secret = randomBytes(32);

  constructor(private readonly wallClock: () => number = Date.now) {}

  issue(reviewer: Reviewer): string {
    const payload = Buffer.from(JSON.stringify({ id: reviewer.id, role: reviewer.role, iat: this.wallClock(), n: randomBytes(9).toString('base64url') })).toString('base64url');
    return `v1.${payload}.${this.mac('session', `v1.${payload}`)}`;
  }

  /** The session a token proves, or undefined for anything forged, altered, malformed or too old. */
  verify(token: unknown): Session | undefined {
    if (typeof token !== 'string' || token.length > 2048) return undefined;
    const [version, payload, mac, ...rest] = token.split('.');
    if (version !== 'v1' || payload === undefined || mac === undefined || rest.length > 0) return undefined;
    if (!this.check('session', `v1.${payload}`, mac)) return undefined;
    const claims = parseClaims(payload);
    if (!claims) return undefined;
    const age = this.wallClock() - claims.iat;
    if (age < 0 || age > SESSION_MAX_AGE_SECONDS * 1000) return undefined;
    return { reviewer: { id: claims.id, role: claims.role }, issuedAt: claims.iat };
  }

  /** The CSRF token of a session: each form of the signed-in page carries it, and each post must send it back. */
  csrfToken(sessionToken: string): string {
    return this.mac('csrf', sessionToken);
  }

  checkCsrf(sessionToken: string, sent: string | null): boolean {
    return sent !== null && this.check('csrf', sessionToken, sent);
  }

  /** A signature over `data` for one purpose (a flash message): the desk's own words cannot be forged in a link. */
  sign(purpose: string, data: string): string {
    return this.mac(purpose, data);
  }

  verifySignature(purpose: string, data: string, mac: string | null): boolean {
    return mac !== null && this.check(purpose, data, mac);
  }

  private mac(purpose: string, data: string): string {
    return createHmac('sha256', this.secret).update(`${purpose}\0${data}`).digest('base64url');
  }

  private check(purpose: string, data: string, mac: string): boolean {
    const expected = Buffer.from(this.mac(purpose, data));
    const given = Buffer.from(mac);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}

function parseClaims(payload: string): { id: string; role: string; iat: number } | undefined {
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    const { id, role, iat } = claims;
    if (typeof id !== 'string' || id === '' || typeof role !== 'string' || role === '' || typeof iat !== 'number') return undefined;
    return { id, role, iat };
  } catch {
    return undefined;
  }
}

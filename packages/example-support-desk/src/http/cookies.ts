// The session cookie: HttpOnly (no script reads it), SameSite=Strict (no other
// site's page sends it), Path=/, and no Max-Age (it ends with the browser
// session; the token inside also ages out). Not Secure: the demo serves plain
// http on loopback; a real deployment serves https and adds Secure.
export const SESSION_COOKIE = 'support_desk_session';

export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const index = part.indexOf('=');
    if (index < 0) continue;
    if (part.slice(0, index).trim() === name) return part.slice(index + 1).trim();
  }
  return undefined;
}

export function sessionCookie(token: string): string {
  return `${SESSION_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`;
}

export function clearedSessionCookie(): string {
  return `${SESSION_COOKIE}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0`;
}

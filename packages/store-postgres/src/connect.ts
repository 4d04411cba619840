// The connection pool, opened with one connection first so that a wrong URL or
// a server that is down fails on open, with the host and port and what to do,
// rather than on the first proposal. The password never reaches a message.
import { Pool, type PoolConfig } from 'pg';

/** Pool settings a caller may pass; the connection string is the store's `url`. */
export type PoolOptions = Omit<PoolConfig, 'connectionString'>;

/** A pool on `url` that has made one connection. */
export async function connectPool(url: string | undefined, options: PoolOptions = {}): Promise<Pool> {
  if (url === undefined || url.trim() === '') {
    throw new Error('no PostgreSQL URL was given: pass one such as postgres://oversight:PASSWORD@db.internal:5432/oversight (often process.env.DATABASE_URL, which is unset or empty here)');
  }
  // Without a timeout, a server behind a firewall that drops packets would hang open() forever.
  const pool = new Pool({ connectionTimeoutMillis: 10_000, ...options, connectionString: url });
  // An idle connection that breaks (the server restarts, a proxy drops it) is
  // discarded by the pool, and the next query opens another and rejects if it
  // cannot. Without a listener the pool's 'error' event would end the process.
  pool.on('error', () => undefined);
  try {
    const client = await pool.connect();
    client.release();
    return pool;
  } catch (error) {
    await pool.end();
    const reason = redact(error instanceof Error ? error.message : String(error), url);
    throw new Error(
      `could not connect to PostgreSQL at ${describeServer(url)} (${reason}): check that the server is running and reachable from here, and that the URL's user, password and database are right`,
    );
  }
}

/** `host:port/database` from a postgres:// URL, without the user's password. */
function describeServer(url: string): string {
  try {
    const parsed = new URL(url);
    const host = parsed.hostname || parsed.searchParams.get('host') || 'localhost';
    const database = decodeURIComponent(parsed.pathname.slice(1));
    return `${host}:${parsed.port || '5432'}${database ? `/${database}` : ''}`;
  } catch {
    return 'the server the URL names (it is not a postgres:// URL)';
  }
}

/** A driver message with the URL's password taken out, should it ever be quoted. */
function redact(message: string, url: string): string {
  let password = '';
  try {
    password = decodeURIComponent(new URL(url).password);
  } catch {
    return message.split(url).join('<url>');
  }
  return password === '' ? message : message.split(password).join('***');
}

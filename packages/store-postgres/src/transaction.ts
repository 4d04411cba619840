// A transaction on one pooled connection, at READ COMMITTED whatever the
// server's default: after waiting for a row lock, each later statement sees
// what the previous holder committed (at REPEATABLE READ it would fail with a
// serialization error instead). The connection goes back to the pool only in a
// clean state: when ROLLBACK itself fails the connection is broken, and it is
// destroyed rather than handed to the next caller.
import type { Pool, PoolClient } from 'pg';

/** Runs `body` between BEGIN and COMMIT; resolves once COMMIT returns, and on any error rolls back and rejects with that error. */
export async function transaction<T>(pool: Pool, body: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL READ COMMITTED');
    const result = await body(client);
    await client.query('COMMIT');
    client.release();
    return result;
  } catch (error) {
    const broken = await client.query('ROLLBACK').then(
      () => undefined,
      (rollbackError: unknown) => (rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError))),
    );
    client.release(broken);
    throw error;
  }
}

// Runs the service on a port, and the signal wiring a command line needs.
import type { AddressInfo } from 'node:net';
import { buildServer, type OversightServer } from './build-server.js';
import type { ServerOptions } from './options.js';
import { describeError } from './server-log.js';

export interface StartOptions extends ServerOptions {
  /** Default 8181; 0 picks any free port. */
  port?: number;
  /** Default 127.0.0.1: reachable from this machine only. */
  host?: string;
}

export interface RunningServer extends OversightServer {
  /** Where it listens: `http://127.0.0.1:8181`. */
  url: string;
}

/** Builds the server and listens; rejects (having closed the store) when the policies do not load or the port is taken. */
export async function startServer(options: StartOptions): Promise<RunningServer> {
  const server = await buildServer(options);
  try {
    await server.app.listen({ port: options.port ?? 8181, host: options.host ?? '127.0.0.1' });
  } catch (error) {
    await server.close();
    throw error;
  }
  const address = server.app.server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return { ...server, url: `http://${host}:${address.port}` };
}

export interface SignalOptions {
  signals?: readonly NodeJS.Signals[];
  /** Default process.exit. */
  exit?: (code: number) => void;
}

/**
 * On SIGTERM or SIGINT: close the server (requests in flight finish, the log
 * is flushed), then exit 0; exit 1 if closing failed. A repeated signal while
 * closing is ignored. Returns a function that removes the handlers.
 */
export function closeOnSignals(server: Pick<OversightServer, 'close'>, options: SignalOptions = {}): () => void {
  const signals = options.signals ?? ['SIGTERM', 'SIGINT'];
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let closing = false;
  const onSignal = (): void => {
    if (closing) return;
    closing = true;
    server.close().then(
      () => exit(0),
      (error: unknown) => {
        process.stderr.write(`oversight-server error: closing failed: ${describeError(error)}\n`);
        exit(1);
      },
    );
  };
  for (const signal of signals) process.on(signal, onSignal);
  return () => {
    for (const signal of signals) process.off(signal, onSignal);
  };
}

// The desk: the enforced policy, the decision log on disk, a gate rebuilt from
// that log (so pending approvals survive a restart), and an HTTP server over
// it for the agent and the reviewers.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGate, JsonlDecisionLog, type Gate, type GateEvent, type Notifier } from '@oversight/gate';
import type { DeskContext } from './desk-context.js';
import { sessionVerifier } from './identity.js';
import { loadPolicyFile, reviewerRoles } from './policy.js';
import { route } from './router.js';
import { SessionSigner } from './session.js';

export interface SupportDeskOptions {
  /** The JSON Lines decision log: created if missing, replayed if not. */
  logPath: string;
  /** The policy to enforce; by default the shipped policies/support-refunds.yaml. */
  policyPath?: string;
  /** The gate's clock (a test passes a fake one it can move). */
  clock?: () => Date;
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /** Ids for new proposals; the gate's random UUIDs by default. */
  newId?: () => string;
  notifier?: Notifier;
  onNotifyError?: (error: unknown, event: GateEvent) => void;
}

export interface SupportDesk {
  /** `http://127.0.0.1:<port>` */
  url: string;
  gate: Gate;
  logPath: string;
  /** Stops taking requests, lets those in flight finish, and closes the log. */
  close(): Promise<void>;
}

export async function createSupportDesk(options: SupportDeskOptions): Promise<SupportDesk> {
  const policy = await loadPolicyFile(options.policyPath);
  const roles = reviewerRoles(policy);
  const sessions = new SessionSigner();
  const clock = options.clock ?? (() => new Date());
  const host = options.host ?? '127.0.0.1';
  const store = await JsonlDecisionLog.open(options.logPath);
  let gate: Gate;
  try {
    gate = await createGate({
      policies: [policy],
      store,
      clock,
      verifier: sessionVerifier(sessions, roles),
      ...(options.newId && { newId: options.newId }),
      ...(options.notifier && { notifier: options.notifier }),
      ...(options.onNotifyError && { onNotifyError: options.onNotifyError }),
    });
  } catch (error) {
    await store.close();
    throw error;
  }
  const desk: DeskContext = { gate, policy, roles, sessions, clock, defaultProposer: { id: 'support-agent', kind: 'agent' } };

  const inFlight = new Set<Promise<void>>();
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const handled = route(request, response, desk);
    inFlight.add(handled);
    void handled.finally(() => inFlight.delete(handled));
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    await gate.close();
    throw error;
  }
  const { port } = server.address() as AddressInfo;

  let closing: Promise<void> | undefined;
  const close = async (): Promise<void> => {
    const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
    // Idle keep-alive connections end now; a request still sending its body ends too (its handler refuses it).
    server.closeAllConnections();
    await stopped;
    // An answer already with the gate is written before the log closes.
    await Promise.allSettled([...inFlight]);
    await gate.close();
  };
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    gate,
    logPath: options.logPath,
    close: () => (closing ??= close()),
  };
}

// Builds the HTTP service over a gate: loads and compiles the policies (a bad
// one is a startup error), opens the gate on the caller's store, registers
// the routes with their schemas, and starts the deadline sweep and the
// policy watch. Nothing listens: startServer does that; tests use app.inject.
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import Fastify, { type FastifyInstance, type RouteOptions } from 'fastify';
import { JSON_LIMITS, type Diagnostic } from '@oversight/core';
import { createGate, type IdentityVerifier } from '@oversight/gate';
import { createErrorHandler } from './http/error-handler.js';
import { registerJsonBody } from './http/json-body.js';
import { problem, sendProblem } from './http/problem.js';
import { createJwtVerifier } from './jwt-verifier.js';
import { ServerMetrics } from './metrics.js';
import { openApiDocument } from './openapi-document.js';
import type { ReloadResult, ServerOptions } from './options.js';
import { EnforcedPolicies } from './policies/enforced-policies.js';
import { formatDiagnostics, loadPolicySet } from './policies/load-policies.js';
import { watchPolicies, type PolicyWatch } from './policies/watch-policies.js';
import { decideRoutes } from './routes/decide.js';
import { proposalRoutes } from './routes/proposals.js';
import type { RouteContext, ServerRoute } from './routes/route.js';
import { serviceRoutes } from './routes/service.js';
import { SCHEMA_COMPONENTS } from './schemas/components.js';
import { pinoLog, stderrLog, type ServerLog } from './server-log.js';
import { startSweeper } from './sweeper.js';

export interface OversightServer {
  app: FastifyInstance;
  /** Loads every policy file again and swaps the set in at once, or keeps the current one (the watch calls it on a change). */
  reload(): Promise<ReloadResult>;
  /** Stops accepting requests, waits for those in flight, stops the sweep and the watch, then closes the gate and its store. */
  close(): Promise<void>;
}

/** The policies did not load when the server started: each diagnostic names file, line and column. */
export class PolicyLoadError extends Error {
  override readonly name = 'PolicyLoadError';
  constructor(readonly diagnostics: readonly Diagnostic[]) {
    super(`the policies do not load:\n${formatDiagnostics(diagnostics)}`);
  }
}

const DEFAULT_SWEEP_MS = 5000;
const VERSION = '0.1.0';

/** Builds the service, ready for `app.inject` or `app.listen`; rejects (having closed the store) when the policies do not load. */
export async function buildServer(options: ServerOptions): Promise<OversightServer> {
  const clock = options.clock ?? (() => new Date());
  const bodyLimit = options.bodyLimit ?? JSON_LIMITS.maxLength;
  const policiesPath = resolve(options.policies);
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit,
    // Requests that arrive while draining are still answered (each closes its connection); /healthz says 503.
    return503OnClosing: false,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, useDefaults: false, allErrors: false } },
  });
  const log: ServerLog = options.log ?? (options.logger ? pinoLog(app.log) : stderrLog);

  const { gate, loaded, verifier, isDirectory } = await openGate(options, policiesPath, clock, log);
  let closing = false;
  const metrics: ServerMetrics = new ServerMetrics(() => gate.pending(), () => policies.compiled().map((policy) => policy.name));
  const policies: EnforcedPolicies = new EnforcedPolicies(policiesPath, loaded, gate, metrics, log);
  const context: RouteContext = { gate, metrics, verifier, policies: () => policies.compiled(), closing: () => closing };
  try {
    await registerRoutes(app, context, bodyLimit, log);
  } catch (error) {
    await gate.close();
    throw error;
  }

  const sweeper = startSweeper(gate, options.sweepIntervalMs ?? DEFAULT_SWEEP_MS, (views) => metrics.breached(views), log);
  const watch: PolicyWatch | undefined =
    options.watch === false
      ? undefined
      : watchPolicies({
          path: policiesPath,
          isDirectory,
          onChange: () => void policies.reload().catch((error: unknown) => log.error('the policy reload failed', error)),
          onError: (error) => log.error(`watching ${policiesPath} failed; policies are no longer reloaded on change`, error),
        });

  let closed: Promise<void> | undefined;
  return {
    app,
    reload: () => policies.reload(),
    close() {
      return (closed ??= (async () => {
        closing = true;
        watch?.close();
        await sweeper.stop();
        await app.close();
        await policies.settled();
        await gate.close();
      })());
    },
  };
}

/** Loads the policies and opens the gate on the store; the store is closed when either fails. */
async function openGate(options: ServerOptions, policiesPath: string, clock: () => Date, log: ServerLog) {
  try {
    const isDirectory = (await stat(policiesPath)).isDirectory();
    const loaded = await loadPolicySet(policiesPath);
    if (!loaded.ok) throw new PolicyLoadError(loaded.diagnostics);
    let verifier: IdentityVerifier | undefined;
    if ('insecureNoAuth' in options.auth) {
      log.warn("auth.insecureNoAuth: an answer's body names its own reviewer and nobody checks it; use this only for local development");
    } else {
      verifier = await createJwtVerifier(options.auth, clock);
    }
    const gate = await createGate({ policies: loaded.policies.map((policy) => policy.compiled), store: options.store, clock, ...(verifier && { verifier }) });
    return { gate, loaded: loaded.policies, verifier, isDirectory };
  } catch (error) {
    await options.store.close();
    throw error;
  }
}

async function registerRoutes(app: FastifyInstance, context: RouteContext, bodyLimit: number, log: ServerLog): Promise<void> {
  registerJsonBody(app, bodyLimit);
  for (const [name, schema] of Object.entries(SCHEMA_COMPONENTS)) app.addSchema({ $id: name, ...schema });
  app.setErrorHandler(createErrorHandler(log, bodyLimit));
  // A connection busy when close() began would otherwise idle until its keep-alive timeout, holding up the exit.
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (context.closing()) reply.header('connection', 'close');
    done(null, payload);
  });
  app.setNotFoundHandler((request, reply) => sendProblem(reply, problem(404, 'not-found', `no route ${request.method} ${request.url.slice(0, 200)}`)));

  let document: Record<string, unknown> | undefined;
  const routes: ServerRoute[] = [
    ...decideRoutes(context),
    ...proposalRoutes(context),
    ...serviceRoutes(context, () => (document ??= openApiDocument(routes, { title: 'Oversight decision service', version: VERSION, components: SCHEMA_COMPONENTS, bearerAuth: context.verifier !== undefined }))),
  ];
  for (const route of routes) app.route(fastifyRoute(route));
  await app.ready();
}

function fastifyRoute(route: ServerRoute): RouteOptions {
  const { body, params, querystring, headers, response } = route.schema;
  return {
    method: route.method,
    url: route.url,
    // A body that is not JSON is sent as it is: no serialization schema for it.
    schema: {
      ...(body && { body }),
      ...(params && { params }),
      ...(querystring && { querystring }),
      ...(headers && { headers }),
      ...(route.produces === undefined && { response }),
    },
    handler: (request, reply) => route.handler(request, reply),
  };
}

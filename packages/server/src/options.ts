// What a server is built from. The caller opens the store; the server owns it
// from then on and closes it (on close(), or when building fails).
import type { FastifyServerOptions } from 'fastify';
import type { Diagnostic } from '@oversight/core';
import type { DecisionStore } from '@oversight/gate';
import type { JwtAuthOptions } from './jwt-verifier.js';
import type { ServerLog } from './server-log.js';

export type AuthOptions = { insecureNoAuth: true } | JwtAuthOptions;

export interface ServerOptions {
  /** A policy file, or a directory searched recursively for *.yaml and *.yml (`*.cases.yaml` and `*.claims.yaml` aside). */
  policies: string;
  /** Where decisions are logged: `openStore(spec)`, `JsonlDecisionLog.open(path)` or `PostgresDecisionStore.open(url)`. */
  store: DecisionStore;
  /** How reviewers authenticate: a JWT verification key, or (local development only) none. */
  auth: AuthOptions;
  clock?: () => Date;
  /** Fastify's (pino) logger: off by default, so requests are not logged. */
  logger?: FastifyServerOptions['logger'];
  /** Where the server's own messages go (reload failures, errors behind a 500): pino when `logger` is on, else one line each on stderr. */
  log?: ServerLog;
  /** The largest request body, in bytes (default 1 MiB, core's JSON_LIMITS.maxLength). */
  bodyLimit?: number;
  /** How often deadlines are applied and due-soon warnings sent (default 5000 ms). */
  sweepIntervalMs?: number;
  /** Reload the policies when their files change (default true). */
  watch?: boolean;
}

export interface PolicySummary {
  name: string;
  version: number;
  hash: string;
  file: string;
}

/** A reload either swapped in every policy, or changed nothing and says why. */
export type ReloadResult = { ok: true; policies: PolicySummary[] } | { ok: false; diagnostics: Diagnostic[] };
